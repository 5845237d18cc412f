package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import dev.deskloop.workspace.Account;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/**
 * The Deliveries page shows what happened to every delivery of a workspace: stored ones by status, how often each
 * arrived again, and the refused ones, which are counted without storing anything a sender sent.
 */
class DeliveriesPageIT extends ConnectedZendeskTest {

    private static final String BUG = "Since this morning the invoice export fails with a 500 error for all of our "
            + "users. Steps to reproduce: 1. Open Reports 2. Click Export invoices 3. See the error.";
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);

    @Autowired
    Inbox inbox;

    @Autowired
    RefusedDeliveries refused;

    @Test
    void refusedDeliveriesAreCountedWithTheirReasonEscapedAndNothingOfThemIsStored() throws Exception {
        String marker = "forged-" + UUID.randomUUID();
        String forged = "{\"event\":\"ticket.created\",\"ticket_id\":\"1\",\"note\":\"" + marker + "\"}";
        for (int i = 0; i < 3; i++) {
            deliveries.zendesk(connectionId, forged, "not-the-secret", clock.instant()).andExpect(status().isUnauthorized());
        }
        deliveries.zendesk(connectionId, "{\"event\": \"" + marker, secret, clock.instant()).andExpect(status().isBadRequest());
        String hostileType = "text/plain;note=\"<script>alert(1)</script>" + "x".repeat(1000) + "\"";
        mvc.perform(post("/hooks/{c}", connectionId).header(HttpHeaders.CONTENT_TYPE, hostileType)
                        .content(marker.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isUnsupportedMediaType());

        String page = page(team.owner());

        String now = shown(clock.instant());
        assertThat(refusedRow(page, "rejected")).containsExactly("Zendesk", "rejected", "3", now, now,
                "signature does not match");
        List<String> malformed = refusedRow(page, "malformed");
        assertThat(malformed.subList(0, 3)).containsExactly("Zendesk", "malformed", "2");
        assertThat(malformed.get(5)).startsWith("content type text/plain;note=&quot;&lt;script&gt;alert(1)&lt;/script&gt;xxx")
                .endsWith("…");
        assertThat(page).doesNotContain("<script>alert(1)").contains("rejected (3)", "malformed (2)", "dropped (0)");
        assertThat(jdbc.sql("select max(length(last_reason)) from delivery_tally where connection_id = :c")
                .param("c", connectionId).query(Integer.class).single()).isLessThanOrEqualTo(200);

        deliveries.zendesk(connectionId, forged, "not-the-secret", clock.instant()).andExpect(status().isUnauthorized());

        assertThat(refusedRow(page(team.owner()), "rejected").get(2)).isEqualTo("4");
        assertThat(jdbc.sql("select count(*) from inbox where connection_id = :c").param("c", connectionId)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from audit_event where workspace_id = :w and (details like :m or target like :m)""")
                .param("w", team.workspace().id()).param("m", "%" + marker + "%").query(Long.class).single()).isZero();
    }

    @Test
    void aFloodOfRefusedDeliveriesWritesOneRowAtMostEveryFewSeconds() throws Exception {
        for (int i = 0; i < 50; i++) {
            deliveries.zendesk(connectionId, "{}", "not-the-secret", clock.instant()).andExpect(status().isUnauthorized());
        }
        assertThat(storedRejections()).containsExactly(1L);

        clock.advance(RefusedDeliveries.WRITE_INTERVAL);
        deliveries.zendesk(connectionId, "{}", "not-the-secret", clock.instant()).andExpect(status().isUnauthorized());
        assertThat(storedRejections()).containsExactly(51L);

        for (int i = 0; i < 9; i++) {
            deliveries.zendesk(connectionId, "{}", "not-the-secret", clock.instant()).andExpect(status().isUnauthorized());
        }
        assertThat(storedRejections()).containsExactly(51L);
        // The page writes what this instance still counts before it reads.
        assertThat(refusedRow(page(team.owner()), "rejected").get(2)).isEqualTo("60");
        assertThat(storedRejections()).containsExactly(60L);
    }

    @Test
    void theTailOfABurstIsWrittenOnceItIsDueWithoutAnotherRefusal() throws Exception {
        for (int i = 0; i < 20; i++) {
            deliveries.zendesk(connectionId, "{}", "not-the-secret", clock.instant()).andExpect(status().isUnauthorized());
        }
        refused.writeDue();
        assertThat(storedRejections()).as("not due yet").containsExactly(1L);

        clock.advance(RefusedDeliveries.WRITE_INTERVAL);
        refused.writeDue();

        assertThat(storedRejections()).containsExactly(20L);
    }

    @Test
    void aDuplicateIsCountedOnItsDeliveryAndLeavesItsProcessingAlone() throws Exception {
        ZendeskTicket ticket = SIMULATOR.zendesk().createTicket(subdomain, CustomerTicket.of("Export broken", BUG));
        ZendeskTicket other = SIMULATOR.zendesk().createTicket(subdomain, CustomerTicket.of("Export broken too", BUG));
        String body = Deliveries.zendeskBody("ticket.created", ticket.id(), ticket.updatedAt());
        deliveries.zendesk(connectionId, body, secret, clock.instant()).andExpect(jsonPath("$.status").value("received"));
        deliveries.zendesk(connectionId, Deliveries.zendeskBody("ticket.created", other.id(), other.updatedAt()), secret,
                clock.instant()).andExpect(jsonPath("$.status").value("received"));

        deliveries.zendesk(connectionId, body, secret, clock.instant()).andExpect(jsonPath("$.status").value("duplicate"));
        assertThat(delivery(ticket).status()).isEqualTo(InboxStatus.RECEIVED);
        jobs.runDue();
        InboxEntry processed = delivery(ticket);
        clock.advance(Duration.ofMinutes(3));
        deliveries.zendesk(connectionId, body, secret, clock.instant())
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("duplicate"));

        InboxEntry duplicated = delivery(ticket);
        assertThat(duplicated.status()).isEqualTo(InboxStatus.DONE);
        assertThat(duplicated.processedAt()).isEqualTo(processed.processedAt());
        assertThat(duplicated.attempts()).isEqualTo(processed.attempts());
        assertThat(duplicated.duplicates()).isEqualTo(2);
        assertThat(duplicated.lastDuplicateAt()).isEqualTo(clock.instant());
        assertThat(delivery(other).duplicates()).isZero();

        String page = page(team.owner());
        assertThat(cells(row(page, duplicated.eventId())).get(7)).isEqualTo("2, last " + shown(clock.instant()));
        assertThat(cells(row(page, delivery(other).eventId())).get(7)).isEmpty();
        assertThat(page).contains("done (2)", "duplicate (2)");

        String onlyDuplicated = page(team.owner(), "duplicate");
        assertThat(onlyDuplicated).contains(duplicated.eventId()).doesNotContain(delivery(other).eventId());
    }

    @Test
    void aDeadLetterIsStillRetriedFromThePage() throws Exception {
        ZendeskTicket ticket = SIMULATOR.zendesk().createTicket(subdomain, CustomerTicket.of("Flaky", BUG));
        deliveries.zendesk(connectionId, Deliveries.zendeskBody("ticket.created", ticket.id(), ticket.updatedAt()),
                secret, clock.instant());
        SIMULATOR.zendesk().faults().failNext(1000);
        for (int i = 0; i < 12; i++) {
            jobs.runDue();
            clock.advance(Duration.ofHours(1));
        }
        InboxEntry dead = delivery(ticket);
        assertThat(dead.status()).isEqualTo(InboxStatus.DEAD);
        String retry = "/w/" + team.workspace().id() + "/deliveries/" + dead.id() + "/retry";
        assertThat(page(team.owner())).contains("dead (1)", retry);

        SIMULATOR.zendesk().faults().clear();
        mvc.perform(post(retry).with(user(fixtures.signedIn(team.owner()))).with(csrf()))
                .andExpect(status().is3xxRedirection());
        jobs.runDue();

        assertThat(delivery(ticket).status()).isEqualTo(InboxStatus.DONE);
        assertThat(page(team.owner())).contains("dead (0)", "done (1)").doesNotContain(retry);
        assertThat(jdbc.sql("select count(*) from audit_event where workspace_id = :w and action = 'webhook.retried'")
                .param("w", team.workspace().id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anotherWorkspaceSeesNoneOfIt() throws Exception {
        ZendeskTicket ticket = SIMULATOR.zendesk().createTicket(subdomain, CustomerTicket.of("Ours", BUG));
        String body = Deliveries.zendeskBody("ticket.created", ticket.id(), ticket.updatedAt());
        deliveries.zendesk(connectionId, body, secret, clock.instant());
        deliveries.zendesk(connectionId, body, secret, clock.instant()).andExpect(jsonPath("$.status").value("duplicate"));
        deliveries.zendesk(connectionId, body, "not-the-secret", clock.instant()).andExpect(status().isUnauthorized());
        deliveries.zendesk(connectionId, "{", secret, clock.instant()).andExpect(status().isBadRequest());
        InboxEntry ours = delivery(ticket);
        var stranger = fixtures.team("stranger");

        String theirs = page(stranger.owner(), stranger.workspace().id(), null);

        assertThat(theirs).doesNotContain(ours.eventId(), "signature does not match", "refused-deliveries")
                .contains("received (0)", "duplicate (0)", "rejected (0)", "malformed (0)", "No delivery was refused.");
        mvc.perform(get("/w/{w}/deliveries", team.workspace().id()).with(user(fixtures.signedIn(stranger.owner()))))
                .andExpect(status().isNotFound());
        mvc.perform(post("/w/{w}/deliveries/{d}/retry", stranger.workspace().id(), ours.id())
                        .with(user(fixtures.signedIn(stranger.owner()))).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(delivery(ticket).status()).isEqualTo(InboxStatus.RECEIVED);
    }

    private String page(Account who) throws Exception {
        return page(who, team.workspace().id(), null);
    }

    private String page(Account who, String status) throws Exception {
        return page(who, team.workspace().id(), status);
    }

    private String page(Account who, UUID workspaceId, String status) throws Exception {
        var request = get("/w/{w}/deliveries", workspaceId).with(user(fixtures.signedIn(who)));
        if (status != null) {
            request = request.param("status", status);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private List<Long> storedRejections() {
        return jdbc.sql("select refused from delivery_tally where connection_id = :c and outcome = 'rejected'")
                .param("c", connectionId).query(Long.class).list();
    }

    private InboxEntry delivery(ZendeskTicket ticket) {
        return inbox.recent(team.workspace().id(), null, 50).stream()
                .filter(entry -> entry.eventId().startsWith("ticket.created:" + ticket.id() + ":"))
                .findFirst().orElseThrow(() -> new AssertionError("no delivery for ticket " + ticket.id()));
    }

    /** A time as the page shows it. */
    private static String shown(Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(at);
    }

    private static List<String> refusedRow(String page, String outcome) {
        return cells(row(page, "data-outcome=\"" + outcome + "\""));
    }

    /** The table row that contains the text. */
    private static String row(String page, String text) {
        int at = page.indexOf(text);
        assertThat(at).as("the page shows " + text).isNotNegative();
        return page.substring(page.lastIndexOf("<tr", at), page.indexOf("</tr>", at));
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        Matcher cell = CELL.matcher(row);
        while (cell.find()) {
            cells.add(cell.group(1).replaceAll("<[^>]+>", "").strip());
        }
        return cells;
    }
}
