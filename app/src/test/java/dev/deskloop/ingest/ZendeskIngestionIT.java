package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.deskloop.connection.ConnectionLifecycle;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import dev.deskloop.tickets.Tickets;
import dev.deskloop.tickets.TriageRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Webhook to stored, triaged ticket for Zendesk: verified, deduplicated, durable, never lost. */
class ZendeskIngestionIT extends ConnectedZendeskTest {

    private static final String BUG = "Since this morning the invoice export fails with a 500 error for all of our "
            + "users. Steps to reproduce: 1. Open Reports 2. Click Export invoices 3. See the error. Expected a CSV file.";

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    Inbox inbox;

    @Autowired
    Tickets tickets;

    @Autowired
    dev.deskloop.tickets.ServiceCatalogs catalogs;

    @Autowired
    dev.deskloop.writeback.Bindings bindings;

    @Test
    void aSignedDeliveryIsStoredAcknowledgedAndItsTicketTriaged() throws Exception {
        ZendeskTicket ticket = customerTicket("Invoice export broken", BUG);

        deliveries.zendesk(connectionId, created(ticket), secret, clock.instant())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("received"));
        assertThat(statuses()).containsExactly(InboxStatus.RECEIVED);

        jobs.runDue();

        assertThat(statuses()).containsExactly(InboxStatus.DONE);
        var stored = tickets.byExternalId(connectionId, Long.toString(ticket.id())).orElseThrow();
        assertThat(stored.subject()).isEqualTo("Invoice export broken");
        assertThat(stored.latestTriage()).isNotNull();
        assertThat(stored.latestTriage().version()).isEqualTo(1);
        assertThat(stored.latestTriage().engine()).startsWith("builtin/");
        assertThat(audit()).contains("ticket.triaged");
    }

    @Test
    void triageUsesTheWorkspacesServiceCatalogAndTheBindingsTimeBuffer() throws Exception {
        var owner = fixtures.caller(team.workspace(), team.owner());
        catalogs.save(owner, """
                services:
                  - name: billing-api
                    description: Invoices, exports of invoices and payments
                    keywords: [invoice, invoices, payment]
                  - name: auth
                    description: Sign-in, passwords and two-factor codes
                    keywords: [login, password]
                """);
        var s = bindings.settings(connectionId);
        bindings.change(owner, connectionId, new dev.deskloop.writeback.BindingSettings(s.postingMode(),
                s.autoAnalyze(), 5, s.fieldMapping(), s.publicReplyTemplate(), s.scopeFilter(), s.classificationNotes(),
                s.timeZone()));
        ZendeskTicket ticket = customerTicket("Invoice export broken", "The invoice export fails with a 500 error for"
                + " all of our users. Steps to reproduce: 1. Open Reports 2. Click Export invoices 3. See the error.");

        deliveries.zendesk(connectionId, created(ticket), secret, clock.instant()).andExpect(status().isOk());
        jobs.runDue();

        var triage = tickets.byExternalId(connectionId, Long.toString(ticket.id())).orElseThrow().latestTriage().triage();
        assertThat(triage.affectedService()).isEqualTo("billing-api");
        assertThat(Duration.between(triage.timeWindow().start(), triage.timeWindow().end())).hasHours(5);
    }

    @Test
    void localTimesAreReadInTheRequestersZoneUnlessTheBindingSetsOne() throws Exception {
        String text = "Checkout has been failing since 9am for all of our customers: every payment ends with a 502 "
                + "error. Steps to reproduce: 1. Add an item 2. Click Pay 3. See the error.";
        ZendeskTicket newYork = SIMULATOR.zendesk().createTicket(subdomain,
                new CustomerTicket("Checkout down", text, "Nia", "nia@example.com", List.of())
                        .withRequesterZone("America/New_York"));
        ZendeskTicket bogus = SIMULATOR.zendesk().createTicket(subdomain,
                new CustomerTicket("Checkout down", text, "Bo", "bo@example.com", List.of())
                        .withRequesterZone("Mars/Olympus_Mons"));

        deliveries.zendesk(connectionId, created(newYork), secret, clock.instant()).andExpect(status().isOk());
        deliveries.zendesk(connectionId, created(bogus), secret, clock.instant()).andExpect(status().isOk());
        jobs.runDue();

        assertThat(windowStart(newYork))
                .isEqualTo(LocalTimes.nineBefore(newYork.createdAt(), ZoneId.of("America/New_York")));
        assertThat(stored(newYork).requesterZone()).isEqualTo(ZoneId.of("America/New_York"));
        // The internal note shows the window in the zone it was read in, then in UTC.
        assertThat(note(newYork)).contains("<b>Time window:</b> " + LocalTimes.nineBefore(newYork.createdAt(),
                ZoneId.of("America/New_York")).atZone(ZoneId.of("America/New_York")).toLocalDate() + " 09:00 – ")
                .contains(" (America/New_York), ").contains(" (UTC)");
        assertThat(note(bogus)).contains("<b>Time window:</b> " + LocalTimes.nineBefore(bogus.createdAt(),
                ZoneOffset.UTC).atZone(ZoneOffset.UTC).toLocalDate() + " 09:00 – ").doesNotContain("), ");
        // So does the ticket page.
        mvc.perform(get("/w/{w}/tickets/{t}", team.workspace().id(), stored(newYork).id())
                        .with(user(fixtures.signedIn(team.owner()))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"triage-window\">" + LocalTimes.nineBefore(
                        newYork.createdAt(), ZoneId.of("America/New_York")).atZone(ZoneId.of("America/New_York"))
                        .toLocalDate() + " 09:00 – ")))
                .andExpect(content().string(containsString(" (America/New_York), ")));
        // A zone the desk names but nobody knows is not used: the ticket is read in the desk's zone, UTC here.
        assertThat(windowStart(bogus)).isEqualTo(LocalTimes.nineBefore(bogus.createdAt(), ZoneOffset.UTC));
        assertThat(stored(bogus).requesterZone()).isNull();

        var owner = fixtures.caller(team.workspace(), team.owner());
        var s = bindings.settings(connectionId);
        bindings.change(owner, connectionId, new dev.deskloop.writeback.BindingSettings(s.postingMode(),
                s.autoAnalyze(), s.timeBufferHours(), s.fieldMapping(), s.publicReplyTemplate(), s.scopeFilter(),
                s.classificationNotes(), "Asia/Tokyo"));
        ZendeskTicket again = SIMULATOR.zendesk().createTicket(subdomain,
                new CustomerTicket("Checkout still down", text, "Nia", "nia@example.com", List.of()));
        deliveries.zendesk(connectionId, created(again), secret, clock.instant()).andExpect(status().isOk());
        jobs.runDue();

        assertThat(windowStart(again)).isEqualTo(LocalTimes.nineBefore(again.createdAt(), ZoneId.of("Asia/Tokyo")));
        assertThat(stored(again).latestTriage().zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        // The earlier ticket's page still shows its window in the zone that read it, not the binding's new one.
        assertThat(stored(newYork).latestTriage().zone()).isEqualTo(ZoneId.of("America/New_York"));
        mvc.perform(get("/w/{w}/tickets/{t}", team.workspace().id(), stored(newYork).id())
                        .with(user(fixtures.signedIn(team.owner()))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(" (America/New_York), ")))
                .andExpect(content().string(not(containsString("(Asia/Tokyo)"))));
        // A triage stored before the zone was recorded is shown in the zone that applies now.
        jdbc.sql("update triage_result set time_zone = null where ticket_id = :id").param("id", stored(newYork).id())
                .update();
        mvc.perform(get("/w/{w}/tickets/{t}", team.workspace().id(), stored(newYork).id())
                        .with(user(fixtures.signedIn(team.owner()))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(" (Asia/Tokyo), ")));
    }

    @Test
    void aTicketThatNamesNoTimeGetsTheDefaultBufferWhenNobodyConfiguredTheBinding() throws Exception {
        ZendeskTicket ticket = customerTicket("Export broken", "The invoice export fails with a 500 error for all of"
                + " our users. Steps to reproduce: 1. Open Reports 2. Click Export invoices 3. See the error.");

        deliveries.zendesk(connectionId, created(ticket), secret, clock.instant()).andExpect(status().isOk());
        jobs.runDue();

        var triage = stored(ticket).latestTriage().triage();
        // Zendesk gives created_at in whole seconds.
        assertThat(triage.timeWindow().end()).isEqualTo(ticket.createdAt().truncatedTo(ChronoUnit.SECONDS));
        assertThat(Duration.between(triage.timeWindow().start(), triage.timeWindow().end())).hasHours(2);
    }

    private dev.deskloop.tickets.StoredTicket stored(ZendeskTicket ticket) {
        return tickets.byExternalId(connectionId, Long.toString(ticket.id())).orElseThrow();
    }

    private Instant windowStart(ZendeskTicket ticket) {
        var triage = stored(ticket).latestTriage().triage();
        assertThat(triage.isBug()).as("the engine reads the text as a bug, so it suggests a window").isTrue();
        return triage.timeWindow().start();
    }

    @Test
    void aDuplicateDeliveryAnswers200AndChangesNothing() throws Exception {
        ZendeskTicket ticket = customerTicket("Dup", BUG);
        String body = created(ticket);

        deliveries.zendesk(connectionId, body, secret, clock.instant()).andExpect(jsonPath("$.status").value("received"));
        deliveries.zendesk(connectionId, body, secret, clock.instant())
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("duplicate"));
        jobs.runDue();
        deliveries.zendesk(connectionId, body, secret, clock.instant()).andExpect(jsonPath("$.status").value("duplicate"));
        jobs.runDue();

        assertThat(statuses()).containsExactly(InboxStatus.DONE);
        var stored = tickets.byExternalId(connectionId, Long.toString(ticket.id())).orElseThrow();
        assertThat(tickets.triageHistory(stored.id())).hasSize(1);
    }

    @Test
    void anInvalidSignatureIs401StoresNothingAndIsAuditedAtMostOnceAMinute() throws Exception {
        ZendeskTicket ticket = customerTicket("Forged", BUG);
        for (int i = 0; i < 5; i++) {
            deliveries.zendesk(connectionId, created(ticket), "not-the-secret", clock.instant())
                    .andExpect(status().isUnauthorized());
        }

        assertThat(statuses()).isEmpty();
        assertThat(audit()).filteredOn("webhook.rejected"::equals).hasSize(1);
    }

    @Test
    void aTimestampOutsideTheReplayWindowIsRefused() throws Exception {
        ZendeskTicket ticket = customerTicket("Old", BUG);

        deliveries.zendesk(connectionId, created(ticket), secret, clock.instant().minus(Duration.ofMinutes(6)))
                .andExpect(status().isUnauthorized());
        deliveries.zendesk(connectionId, created(ticket), secret, clock.instant().plus(Duration.ofMinutes(6)))
                .andExpect(status().isUnauthorized());

        assertThat(statuses()).isEmpty();
    }

    @Test
    void badRequestsGetClearStatusesAndLeaveNothing() throws Exception {
        deliveries.zendesk(UUID.randomUUID(), "{}", secret, clock.instant()).andExpect(status().isNotFound());
        mvc.perform(post("/hooks/not-a-connection").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isNotFound());
        deliveries.zendesk(connectionId, "{\"event\": ", secret, clock.instant()).andExpect(status().isBadRequest());
        deliveries.zendesk(connectionId, "", secret, clock.instant()).andExpect(status().isBadRequest());
        mvc.perform(post("/hooks/{c}", connectionId).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("a=b"))
                .andExpect(status().isUnsupportedMediaType());
        byte[] huge = new byte[1024 * 1024 + 10];
        mvc.perform(post("/hooks/{c}", connectionId).contentType(MediaType.APPLICATION_JSON).content(huge))
                .andExpect(status().isContentTooLarge());

        assertThat(statuses()).isEmpty();
        assertThat(audit()).contains("webhook.malformed");
    }

    @Test
    void theWebhookAddressAnswersHeadAndRefusesOtherMethods() throws Exception {
        mvc.perform(head("/hooks/{c}", connectionId)).andExpect(status().isOk());
        mvc.perform(head("/hooks/intercom")).andExpect(status().isOk());
        mvc.perform(get("/hooks/{c}", connectionId))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string(HttpHeaders.ALLOW, "POST, HEAD"))
                .andExpect(jsonPath("$.title").value("Method not allowed"));

        assertThat(statuses()).isEmpty();
    }

    @Test
    void aDeliveryThatCannotBeStoredAsksTheProviderToSendItAgain() throws Exception {
        ZendeskTicket ticket = customerTicket("Stored on the second try", BUG);
        String body = created(ticket);
        Instant signedAt = clock.instant();
        jdbc.sql("alter table inbox rename to inbox_away").update();
        try {
            deliveries.zendesk(connectionId, body, secret, signedAt)
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                    .andExpect(jsonPath("$.title").value("Delivery not stored"));
        } finally {
            jdbc.sql("alter table inbox_away rename to inbox").update();
        }

        deliveries.zendesk(connectionId, body, secret, signedAt).andExpect(jsonPath("$.status").value("received"));
        jobs.runDue();

        assertThat(statuses()).containsExactly(InboxStatus.DONE);
    }

    @Test
    void aDeliveryIdentifiedOnlyByItsInvocationIdIsProcessed() throws Exception {
        ZendeskTicket ticket = customerTicket("No timestamp", BUG);
        String body = "{\"event\":\"ticket.created\",\"ticket_id\":\"" + ticket.id() + "\"}";

        deliveries.zendesk(connectionId, body, secret, clock.instant()).andExpect(jsonPath("$.status").value("received"));
        jobs.runDue();

        assertThat(statuses()).containsExactly(InboxStatus.DONE);
        assertThat(tickets.byExternalId(connectionId, Long.toString(ticket.id()))).isPresent();
    }

    @Test
    void unknownEventsAreAcknowledgedAndIgnored() throws Exception {
        String body = "{\"event\":\"ticket.solved\",\"ticket_id\":\"42\",\"updated_at\":\"2026-03-14T09:00:00Z\"}";

        deliveries.zendesk(connectionId, body, secret, clock.instant())
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ignored"));

        assertThat(statuses()).containsExactly(InboxStatus.IGNORED);
    }

    @Test
    void aDisconnectedConnectionAnswersGone() throws Exception {
        ZendeskTicket ticket = customerTicket("Late", BUG);
        lifecycle.disconnect(fixtures.caller(team.workspace(), team.owner()), connectionId);

        deliveries.zendesk(connectionId, created(ticket), secret, clock.instant()).andExpect(status().isGone());

        assertThat(statuses()).isEmpty();
    }

    @Test
    void aPausedConnectionKeepsDeliveriesAndProcessesThemWhenResumed() throws Exception {
        ZendeskTicket ticket = customerTicket("While paused", BUG);
        var owner = fixtures.caller(team.workspace(), team.owner());
        lifecycle.pause(owner, connectionId);

        deliveries.zendesk(connectionId, created(ticket), secret, clock.instant()).andExpect(status().isOk());
        jobs.runDue();
        assertThat(statuses()).containsExactly(InboxStatus.HELD);

        lifecycle.resume(owner, connectionId);
        jobs.runDue();

        assertThat(statuses()).containsExactly(InboxStatus.DONE);
        assertThat(tickets.byExternalId(connectionId, Long.toString(ticket.id()))).isPresent();
    }

    @Test
    void aCustomerReplyRetriagesAndKeepsTheHistory() throws Exception {
        ZendeskTicket ticket = customerTicket("Slow page", "The dashboard is a bit slow sometimes.");
        deliveries.zendesk(connectionId, created(ticket), secret, clock.instant());
        jobs.runDue();

        ZendeskTicket replied = SIMULATOR.zendesk().addCustomerReply(subdomain, ticket.id(),
                "Update: now nobody in our company can log in at all, this is a complete outage.");
        deliveries.zendesk(connectionId, Deliveries.zendeskBody("ticket.comment_added", ticket.id(),
                replied.updatedAt()), secret, clock.instant());
        jobs.runDue();

        var stored = tickets.byExternalId(connectionId, Long.toString(ticket.id())).orElseThrow();
        List<TriageRecord> history = tickets.triageHistory(stored.id());
        assertThat(history).extracting(TriageRecord::version).containsExactly(2, 1);
        assertThat(history.getFirst().messageCount()).isGreaterThan(history.getLast().messageCount());
    }

    @Test
    void aCustomerReplyIsRetriagedEvenWhenANoteFollowedItBeforeItsDeliveryWasProcessed() throws Exception {
        ZendeskTicket ticket = customerTicket("Slow page", "The dashboard is a bit slow sometimes.");
        deliveries.zendesk(connectionId, created(ticket), secret, clock.instant());
        jobs.runDue();

        clock.advance(Duration.ofSeconds(5));
        ZendeskTicket replied = SIMULATOR.zendesk().addCustomerReply(subdomain, ticket.id(),
                "Update: now nobody in our company can log in at all, this is a complete outage.");
        deliveries.zendesk(connectionId, Deliveries.zendeskBody("ticket.comment_added", ticket.id(),
                replied.updatedAt()), secret, clock.instant());
        // Before the customer's delivery is processed, an internal note is added: the newest message is not theirs.
        clock.advance(Duration.ofSeconds(5));
        postInternalNote(ticket.id(), "Looking into it");
        ZendeskTicket noted = SIMULATOR.zendesk().ticket(subdomain, ticket.id()).orElseThrow();
        deliveries.zendesk(connectionId, Deliveries.zendeskBody("ticket.comment_added", ticket.id(), noted.updatedAt()),
                secret, clock.instant());
        jobs.runDue();

        var stored = tickets.byExternalId(connectionId, Long.toString(ticket.id())).orElseThrow();
        List<TriageRecord> history = tickets.triageHistory(stored.id());
        assertThat(history).extracting(TriageRecord::version).containsExactly(2, 1);
        assertThat(history.getFirst().messageCount()).isGreaterThan(history.getLast().messageCount());
        assertThat(tickets.customerMessagesTriaged(connectionId, Long.toString(ticket.id()))).isEqualTo(2);
    }

    @Test
    void aDeliveryHeldJustAsItsConnectionCameBackIsProcessedWithinAMinute() throws Exception {
        ZendeskTicket ticket = customerTicket("Held", BUG);
        deliveries.zendesk(connectionId, created(ticket), secret, clock.instant());
        // A worker that read the connection's old (paused) status holds the delivery after the resume had put the
        // held ones back in line.
        UUID held = inbox.recent(team.workspace().id(), null, 10).getFirst().id();
        inbox.hold(held, "kept while the connection is paused");

        clock.advance(HeldDeliveries.SWEEP_EVERY.plusSeconds(1));
        jobs.runDue();

        assertThat(statuses()).containsExactly(InboxStatus.DONE);
        assertThat(tickets.byExternalId(connectionId, Long.toString(ticket.id()))).isPresent();
    }

    @Test
    void ourOwnNoteComingBackIsIgnored() throws Exception {
        ZendeskTicket ticket = customerTicket("Echo", BUG);
        deliveries.zendesk(connectionId, created(ticket), secret, clock.instant());
        jobs.runDue();
        postInternalNote(ticket.id(), "Deskloop triage: severity high");
        ZendeskTicket noted = SIMULATOR.zendesk().ticket(subdomain, ticket.id()).orElseThrow();

        deliveries.zendesk(connectionId, Deliveries.zendeskBody("ticket.comment_added", ticket.id(), noted.updatedAt()),
                secret, clock.instant());
        jobs.runDue();

        assertThat(statuses()).containsExactlyInAnyOrder(InboxStatus.DONE, InboxStatus.IGNORED);
        var stored = tickets.byExternalId(connectionId, Long.toString(ticket.id())).orElseThrow();
        assertThat(tickets.triageHistory(stored.id())).hasSize(1);
    }

    @Test
    void aRateLimitWaitsForTheProviderWithoutSpendingAnAttempt() throws Exception {
        ZendeskTicket ticket = customerTicket("Busy", BUG);
        deliveries.zendesk(connectionId, created(ticket), secret, clock.instant());
        SIMULATOR.zendesk().faults().rateLimitPerMinute(1);

        jobs.runDue();

        InboxEntry waiting = inbox.recent(team.workspace().id(), null, 10).getFirst();
        assertThat(waiting.status()).isEqualTo(InboxStatus.PROCESSING);
        assertThat(waiting.attempts()).isZero();
        assertThat(waiting.nextAttemptAt()).isAfter(clock.instant());

        SIMULATOR.zendesk().faults().clear();
        clock.advance(Duration.between(clock.instant(), waiting.nextAttemptAt()).plusSeconds(1));
        jobs.runDue();

        assertThat(statuses()).containsExactly(InboxStatus.DONE);
    }

    @Test
    void serverErrorsBackOffThenDeadLetterAndAPersonCanRetry() throws Exception {
        ZendeskTicket ticket = customerTicket("Flaky", BUG);
        deliveries.zendesk(connectionId, created(ticket), secret, clock.instant());
        SIMULATOR.zendesk().faults().failNext(1000);

        for (int i = 0; i < 12; i++) {
            jobs.runDue();
            clock.advance(Duration.ofHours(1));
        }

        InboxEntry dead = inbox.recent(team.workspace().id(), null, 10).getFirst();
        assertThat(dead.status()).isEqualTo(InboxStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(8);
        assertThat(dead.lastError()).contains("503");
        assertThat(audit()).contains("webhook.dead_lettered");

        SIMULATOR.zendesk().faults().clear();
        mvc.perform(post("/w/{w}/deliveries/{d}/retry", team.workspace().id(), dead.id())
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(fixtures.signedIn(team.owner())))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection());
        jobs.runDue();

        assertThat(statuses()).containsExactly(InboxStatus.DONE);
        assertThat(audit()).contains("webhook.retried");
    }

    private ZendeskTicket customerTicket(String subject, String body) {
        return SIMULATOR.zendesk().createTicket(subdomain, CustomerTicket.of(subject, body));
    }

    private String created(ZendeskTicket ticket) {
        return Deliveries.zendeskBody("ticket.created", ticket.id(), ticket.updatedAt());
    }

    /** The one internal note Deskloop wrote on the ticket (HTML). */
    private static String note(ZendeskTicket ticket) {
        return SIMULATOR.zendesk().ticket(ticket.subdomain(), ticket.id()).orElseThrow().writtenThroughApi().stream()
                .filter(c -> !c.isPublic()).map(dev.deskloop.simulator.zendesk.ZendeskComment::htmlBody)
                .reduce((a, b) -> { throw new AssertionError("more than one note: " + a + " / " + b); })
                .orElseThrow(() -> new AssertionError("no note on ticket " + ticket.id()));
    }

    private void postInternalNote(long ticketId, String text) throws Exception {
        String token = connections.byId(connectionId).map(c -> c.id()).map(id -> accessToken()).orElseThrow();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        SIMULATOR.baseUrl() + "/zendesk/" + subdomain + "/api/v2/tickets/" + ticketId + ".json"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"ticket\":{\"comment\":{\"body\":\"" + text + "\",\"public\":false}}}")).build();
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            int code = http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            assertThat(code).isEqualTo(200);
        }
    }

    @Autowired
    dev.deskloop.connection.ConnectionTokens connectionTokens;

    private String accessToken() {
        return connectionTokens.accessToken(connectionId);
    }

    private List<InboxStatus> statuses() {
        return inbox.recent(team.workspace().id(), null, 100).stream().map(InboxEntry::status).toList();
    }

    private List<String> audit() {
        return jdbc.sql("select action from audit_event where workspace_id = :w").param("w", team.workspace().id())
                .query(String.class).list();
    }

}
