package dev.deskloop.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.deskloop.IntegrationTest;
import dev.deskloop.connection.ConnectionFlow;
import dev.deskloop.connection.Connections;
import dev.deskloop.helpdesk.HelpdeskAttachment;
import dev.deskloop.helpdesk.HelpdeskMessage;
import dev.deskloop.helpdesk.HelpdeskTicket;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Attachment metadata is stored with the ticket's messages, once, and shown escaped on the ticket page. */
class TicketAttachmentsIT extends IntegrationTest {

    private static final Instant AT = Instant.parse("2026-03-14T08:00:00Z");
    private static final HelpdeskAttachment LOG = new HelpdeskAttachment("crash.log", "text/plain", 2532L,
            "https://acme.zendesk.com/attachments/token/a/?name=crash.log");
    private static final HelpdeskAttachment SHOT = new HelpdeskAttachment("screen.png", "image/png", 166_144L,
            "https://acme.zendesk.com/attachments/token/b/?name=screen.png");

    @Autowired
    Fixtures fixtures;

    @Autowired
    Connections connections;

    @Autowired
    Tickets tickets;

    @Autowired
    TransactionTemplate transaction;

    Fixtures.Team team;
    UUID connectionId;

    @BeforeEach
    void connect() throws Exception {
        team = fixtures.team("attachments");
        connectionId = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "zendesk",
                "att" + UUID.randomUUID().toString().substring(0, 8), connections);
    }

    @Test
    void storingTheSameTicketAgainKeepsOneRowPerFile() {
        String external = externalId();
        HelpdeskTicket first = ticket(external, message("1", List.of(LOG, SHOT)), message("2", List.of()));
        UUID id = store(first);
        store(first);
        store(first);

        assertThat(tickets.attachments(team.workspace().id(), id)).containsExactly(
                new TicketAttachment(0, "1", "crash.log", "text/plain", 2532L, LOG.url()),
                new TicketAttachment(0, "1", "screen.png", "image/png", 166_144L, SHOT.url()));
        assertThat(rows(id)).isEqualTo(2);

        HelpdeskAttachment trace = new HelpdeskAttachment("trace.txt", null, null, null);
        UUID again = store(ticket(external, message("1", List.of(LOG, SHOT)), message("2", List.of()),
                message("3", List.of(trace))));
        assertThat(again).isEqualTo(id);
        assertThat(tickets.attachments(team.workspace().id(), id))
                .extracting(TicketAttachment::messageIndex, TicketAttachment::name)
                .containsExactly(tuple(0, "crash.log"), tuple(0, "screen.png"), tuple(2, "trace.txt"));
        assertThat(tickets.attachments(team.workspace().id(), id).get(2).size()).isNull();
        assertThat(rows(id)).isEqualTo(3);

        // A file the provider no longer lists (deleted) disappears.
        store(ticket(external, message("1", List.of(SHOT)), message("2", List.of()), message("3", List.of(trace))));
        assertThat(tickets.attachments(team.workspace().id(), id)).extracting(TicketAttachment::name)
                .containsExactly("screen.png", "trace.txt");
        assertThat(rows(id)).isEqualTo(2);
    }

    @Test
    void aTicketKeepsAtMostTheCapAndOtherWorkspacesSeeNone() {
        List<HelpdeskMessage> messages = new ArrayList<>();
        for (int m = 0; m < 30; m++) {
            int message = m;
            messages.add(message(Integer.toString(m), IntStream.range(0, HelpdeskAttachment.MAX_PER_MESSAGE)
                    .mapToObj(f -> new HelpdeskAttachment("m" + message + "-f" + f, null, (long) f, null)).toList()));
        }
        UUID id = store(new HelpdeskTicket(externalId(), "Many files", "open", null, AT, AT, "Ann", "ann@example.com",
                List.of(), null, messages, null));

        assertThat(rows(id)).isEqualTo(Tickets.MAX_ATTACHMENTS_PER_TICKET);
        assertThat(tickets.attachments(team.workspace().id(), id).getLast().name()).isEqualTo("m24-f19");
        assertThat(tickets.attachments(fixtures.team("other").workspace().id(), id)).isEmpty();
    }

    @Test
    void theTicketPageListsEachMessagesFilesEscapedAndLinksOnlyHttp() throws Exception {
        UUID id = store(ticket(externalId(), message("1", List.of(
                new HelpdeskAttachment("<script>alert(1)</script>.png", "image/png", 2048L,
                        "https://files.example.com/a?x=1&y=2"),
                new HelpdeskAttachment("notes.txt", null, null, null))), message("2", List.of())));
        // A row that did not pass the client's checks (e.g. written by hand) is still never linked.
        jdbc.sql("""
                        insert into ticket_attachment (ticket_id, message_index, file_index, message_id, file_name, url)
                        values (:t, 1, 0, '2', 'evil.html', 'javascript:alert(1)')""").param("t", id).update();

        String page = mvc.perform(get("/w/{w}/tickets/{t}", team.workspace().id(), id)
                        .with(user(fixtures.signedIn(team.owner()))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;.png")
                .contains("href=\"https://files.example.com/a?x=1&amp;y=2\"")
                .contains("rel=\"noopener noreferrer\"")
                .contains("image/png").contains("2.0 KB")
                .contains("notes.txt").contains("evil.html")
                .doesNotContain("javascript:");
        assertThat(page.split("rel=\"noopener noreferrer\"", -1)).hasSize(2);
    }

    private UUID store(HelpdeskTicket ticket) {
        return transaction.execute(status -> tickets.upsert(team.workspace().id(), connectionId, ProviderId.ZENDESK,
                ticket, TicketDocuments.from(ProviderId.ZENDESK, ticket, AT)));
    }

    private long rows(UUID ticketId) {
        return jdbc.sql("select count(*) from ticket_attachment where ticket_id = :t").param("t", ticketId)
                .query(Long.class).single();
    }

    private static String externalId() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    private static HelpdeskTicket ticket(String externalId, HelpdeskMessage... messages) {
        return new HelpdeskTicket(externalId, "Export fails", "open", null, AT, AT, "Ann", "ann@example.com", List.of(),
                null, List.of(messages), null);
    }

    private static HelpdeskMessage message(String id, List<HelpdeskAttachment> attachments) {
        return new HelpdeskMessage(id, HelpdeskMessage.Author.CUSTOMER, "100", true, "<p>Message " + id + "</p>", AT,
                false, attachments);
    }
}
