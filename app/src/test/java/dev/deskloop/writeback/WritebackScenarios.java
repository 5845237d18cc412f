package dev.deskloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.connection.ConnectionFlow;
import dev.deskloop.connection.ConnectionStatus;
import dev.deskloop.connection.ConnectionTokens;
import dev.deskloop.connection.Connections;
import dev.deskloop.helpdesk.HelpdeskProviders;
import dev.deskloop.helpdesk.HelpdeskWrite;
import dev.deskloop.helpdesk.WriteTarget;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.simulator.Faults;
import dev.deskloop.tickets.StoredTicket;
import dev.deskloop.tickets.Tickets;
import dev.deskloop.triage.Severity;
import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The write-back contract every provider meets: a bug ticket created at the provider ends as exactly one internal
 * note (and one public reply in {@code both} mode) under duplicate webhooks, 429 and 5xx storms, token expiry and a
 * crash between the provider's success and our commit. Subclasses drive one provider's simulator.
 */
abstract class WritebackScenarios extends IntegrationTest {

    static final String BUG = "Since this morning the invoice export fails with a 500 error for all of our users. "
            + "Steps to reproduce: 1. Open Reports 2. Click Export invoices 3. See the error. Expected a CSV file.";

    @Autowired
    Fixtures fixtures;

    @Autowired
    Connections connections;

    @Autowired
    ConnectionTokens tokens;

    @Autowired
    HelpdeskProviders providers;

    @Autowired
    Tickets tickets;

    @Autowired
    Outbox outbox;

    @Autowired
    Bindings bindings;

    @Autowired
    TicketTimeline timeline;

    @Autowired
    Jobs jobs;

    Fixtures.Team team;
    UUID connectionId;
    SignedDeliveries deliveries;
    ConnectionFlow flow;

    /** Connects the provider for {@link #team}; returns the connection id. */
    abstract UUID connect() throws Exception;

    /** A customer opens a ticket; returns its provider id. */
    abstract String createTicket(String subject, String body, String requesterName);

    /** The provider tells Deskloop about the new ticket (the same delivery each time it is called). */
    abstract void deliverCreated(String externalId) throws Exception;

    /** The customer writes again, and the provider tells Deskloop. */
    abstract void customerReplies(String externalId, String body) throws Exception;

    /** Internal notes Deskloop wrote, as the provider stores them (HTML). */
    abstract List<String> notes(String externalId);

    /** Public replies Deskloop wrote (HTML). */
    abstract List<String> publicReplies(String externalId);

    abstract Map<String, String> fields(String externalId);

    abstract Faults faults();

    abstract void revokeTokens();

    /** A field name or id the provider accepts for the severity. */
    abstract String severityField();

    @BeforeEach
    void setUp() throws Exception {
        team = fixtures.team("writeback");
        flow = new ConnectionFlow(mvc, fixtures);
        connectionId = connect();
        deliveries = new SignedDeliveries(mvc);
        jobs.runDue();
    }

    @AfterEach
    void clearFaults() {
        faults().clear();
    }

    @Test
    void aBugTicketGetsOneInternalNoteWithTheWholeTriage() throws Exception {
        String id = createTicket("Invoice export broken", BUG, "Robin Requester");

        deliverCreated(id);
        jobs.runDue();

        List<String> notes = notes(id);
        assertThat(notes).hasSize(1);
        StoredTicket ticket = ticket(id);
        assertThat(notes.getFirst())
                .contains("Deskloop triage: bug, severity " + ticket.latestTriage().triage().severity().wireName())
                .contains("<b>Time window:</b> ").contains(" (UTC)")
                .contains("Customer's words")
                .contains("/w/" + team.workspace().id() + "/tickets/" + ticket.id())
                .contains("Deskloop ref ");
        assertThat(publicReplies(id)).isEmpty();
        OutboxEntry row = outbox.byKey(connectionId + ":" + ticket.id() + ":triage_note:1").orElseThrow();
        assertThat(row.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(row.providerRef()).isNotBlank();
        assertThat(notes.getFirst()).contains(row.marker());
        assertThat(timeline.of(team.workspace().id(), ticket.id())).extracting(TimelineEvent::text)
                .contains("internal note posted (triage_note)");
    }

    @Test
    void bothModePostsTheNoteAndOnePublicReplyFromTheTemplateEscaped() throws Exception {
        change(current().postingMode(PostingMode.BOTH).template("Hi {{requesterName}}, about #{{ticketId}} ({{severity}})")
                .severityField(severityField()));
        String id = createTicket("Export broken", BUG, "<b>Robin</b> & Co");

        deliverCreated(id);
        jobs.runDue();

        assertThat(notes(id)).hasSize(1);
        List<String> replies = publicReplies(id);
        assertThat(replies).hasSize(1);
        Severity severity = ticket(id).latestTriage().triage().severity();
        assertThat(replies.getFirst()).contains("Hi &lt;b&gt;Robin&lt;/b&gt; &amp; Co, about #" + id + " (" + severity.wireName() + ")")
                .doesNotContain("<b>Robin");
        assertThat(fields(id)).containsValue(severity.wireName());

        // A re-triage that changes nothing important posts nothing; whatever it says, the reply is never repeated.
        customerReplies(id, "Any news? It still fails for all of our users with the same 500 error.");
        jobs.runDue();
        assertThat(publicReplies(id)).hasSize(1);
        var history = tickets.triageHistory(ticket(id).id());
        assertThat(history).hasSize(2);
        assertThat(notes(id)).hasSize(TriageWriteback.changed(history.get(0), history.get(1)) ? 2 : 1);
    }

    @Test
    void duplicateWebhooksPostOneNote() throws Exception {
        String id = createTicket("Dup", BUG, "Robin");

        deliverCreated(id);
        deliverCreated(id);
        jobs.runDue();
        deliverCreated(id);
        jobs.runDue();

        assertThat(notes(id)).hasSize(1);
        StoredTicket ticket = ticket(id);
        boolean again = outbox.enqueue(new OutboxRequest(team.workspace().id(), connectionId, ticket.id(), "triage_note",
                connectionId + ":" + ticket.id() + ":triage_note:1", new HelpdeskWrite.InternalNote("<p>again</p>")));
        jobs.runDue();
        assertThat(again).isFalse();
        assertThat(notes(id)).hasSize(1);
    }

    @Test
    void aRateLimitStormWaitsForTheProviderAndPostsOnce() throws Exception {
        String id = ingested();
        faults().rateLimitPerMinute(1);
        useUpTheRateLimit(id);

        OutboxEntry row = enqueueNote(id, "storm");
        jobs.runDue();
        jobs.runDue();

        OutboxEntry waiting = outbox.byId(row.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(waiting.attempts()).as("a 429 spends no attempt").isZero();
        assertThat(waiting.nextAttemptAt()).isAfter(clock.instant());

        faults().clear();
        clock.advance(Duration.between(clock.instant(), waiting.nextAttemptAt()).plusSeconds(1));
        jobs.runDue();

        assertThat(outbox.byId(row.id()).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
        assertThat(notes(id)).filteredOn(n -> n.contains(row.marker())).hasSize(1);
    }

    @Test
    void aServerErrorStormBacksOffAndPostsOnce() throws Exception {
        String id = ingested();
        faults().failNext(4);

        OutboxEntry row = enqueueNote(id, "5xx");
        for (int i = 0; i < 8; i++) {
            jobs.runDue();
            clock.advance(Duration.ofMinutes(2));
        }

        OutboxEntry sent = outbox.byId(row.id()).orElseThrow();
        assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(sent.attempts()).isGreaterThan(1);
        assertThat(notes(id)).filteredOn(n -> n.contains(row.marker())).hasSize(1);
    }

    @Test
    void aServerErrorStormThatOutlastsEveryAttemptDeadLettersTheWrite() throws Exception {
        String id = ingested();
        faults().failNext(1_000);

        OutboxEntry row = enqueueNote(id, "outage");
        for (int i = 0; i < 12; i++) {
            jobs.runDue();
            clock.advance(Duration.ofHours(2));
        }

        OutboxEntry dead = outbox.byId(row.id()).orElseThrow();
        assertThat(dead.status()).isEqualTo(OutboxStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(8);
        assertThat(dead.lastError()).startsWith("after 8 attempts: ");
        assertThat(audit()).contains("writeback.dead_lettered");
        assertThat(timeline.of(team.workspace().id(), row.ticketId())).extracting(TimelineEvent::text)
                .anySatisfy(text -> assertThat(text).startsWith("write failed: outage: after 8 attempts"));
        faults().clear();
        assertThat(notes(id)).noneMatch(n -> n.contains(row.marker()));
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance = :id")
                .param("id", row.id().toString()).query(Long.class).single())
                .as("no job is left for a dead-lettered write").isZero();
    }

    @Test
    void aWriteTheProviderRefusesIsDeadLetteredWithItsMessageAndCanBeRetried() throws Exception {
        String id = ingested();

        OutboxEntry row = enqueue(id, "too_long", new HelpdeskWrite.InternalNote("<p>" + "x".repeat(70_000) + "</p>"));
        jobs.runDue();

        OutboxEntry dead = outbox.byId(row.id()).orElseThrow();
        assertThat(dead.status()).isEqualTo(OutboxStatus.DEAD);
        assertThat(dead.lastError()).startsWith("refused with 4").containsPattern("(?i)too long|larger than");
        assertThat(audit()).contains("writeback.dead_lettered");
        assertThat(timeline.of(team.workspace().id(), row.ticketId())).extracting(TimelineEvent::text)
                .anySatisfy(text -> assertThat(text).startsWith("write failed: too_long"));

        mvc.perform(get("/w/{w}/tickets/{t}", team.workspace().id(), row.ticketId()).with(user(fixtures.signedIn(team.owner()))))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("Notes posted"),
                                org.hamcrest.Matchers.containsString("Timeline"),
                                org.hamcrest.Matchers.containsString("Retry"))));
        mvc.perform(post("/w/{w}/tickets/{t}/writes/{o}/retry", team.workspace().id(), row.ticketId(), row.id())
                        .with(user(fixtures.signedIn(team.owner()))).with(csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is3xxRedirection());
        assertThat(outbox.byId(row.id()).orElseThrow().status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(audit()).contains("writeback.retried");
    }

    @Test
    void aRevokedTokenKeepsTheWriteWaitingUntilReconnectedThenPostsOnce() throws Exception {
        String id = ingested();
        revokeTokens();

        OutboxEntry row = enqueueNote(id, "revoked");
        jobs.runDue();

        assertThat(outbox.byId(row.id()).orElseThrow().status()).isEqualTo(OutboxStatus.WAITING);
        assertThat(connections.byId(connectionId).orElseThrow().status()).isEqualTo(ConnectionStatus.CONNECTION_ERROR);

        String consent = mvc.perform(post("/w/{w}/connections/{c}/reconnect", team.workspace().id(), connectionId)
                        .with(user(fixtures.signedIn(team.owner()))).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
        flow.callback(team.owner(), flow.allow(URI.create(consent)));
        jobs.runDue();

        assertThat(outbox.byId(row.id()).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
        assertThat(notes(id)).filteredOn(n -> n.contains(row.marker())).hasSize(1);
    }

    @Test
    void aCrashAfterTheProviderAcceptedTheNoteDoesNotPostItAgain() throws Exception {
        String id = ingested();
        OutboxEntry row = enqueueNote(id, "crash");

        // The run that crashed: it counted its attempt, the provider stored the note, then the process died before
        // the row was marked sent.
        String accepted = attemptThatReachedTheProvider(id, row);
        assertThat(notes(id)).filteredOn(n -> n.contains(row.marker())).hasSize(1);

        jobs.runDue();

        assertSentOnce(id, row, accepted);
    }

    @Test
    void aPersonRetryingADeadWriteThatHadReachedTheProviderDoesNotPostItAgain() throws Exception {
        String id = ingested();
        OutboxEntry row = enqueueNote(id, "timed-out");

        // The last attempt timed out after the provider had stored the note, and the row was dead-lettered.
        String accepted = attemptThatReachedTheProvider(id, row);
        outbox.dead(row.id(), "after 8 attempts: the provider did not answer in time");

        mvc.perform(post("/w/{w}/tickets/{t}/writes/{o}/retry", team.workspace().id(), row.ticketId(), row.id())
                        .with(user(fixtures.signedIn(team.owner()))).with(csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is3xxRedirection());
        OutboxEntry retried = outbox.byId(row.id()).orElseThrow();
        assertThat(retried.attempts()).isZero();
        assertThat(retried.earlierAttempts()).isEqualTo(1);
        jobs.runDue();

        assertSentOnce(id, row, accepted);
    }

    @Test
    void writesStuckWhileTheirConnectionIsConnectedAreSentWithinAMinute() throws Exception {
        String id = ingested();
        // Kept waiting by a job that read the connection's old status just as the connection came back.
        OutboxEntry waiting = enqueueNote(id, "late-waiting");
        outbox.waiting(waiting.id(), "kept while the connection is paused");
        // Put back in line while the job that had set it waiting still existed, so that it got no new job.
        OutboxEntry orphan = enqueueNote(id, "late-orphan");
        jdbc.sql("delete from scheduled_tasks where task_instance = :id").param("id", orphan.id().toString()).update();

        clock.advance(WaitingWrites.SWEEP_EVERY.plusSeconds(1));
        jobs.runDue();

        for (OutboxEntry row : List.of(waiting, orphan)) {
            assertThat(outbox.byId(row.id()).orElseThrow().status()).as(row.purpose()).isEqualTo(OutboxStatus.SENT);
            assertThat(notes(id)).filteredOn(n -> n.contains(row.marker())).hasSize(1);
        }
    }

    @Test
    void theAnalysisIsRecordedInTheTimelineWhenTheSeverityMeetsTheThreshold() throws Exception {
        change(current().autoAnalyze(AnalyzeThreshold.LOW));
        String id = createTicket("Export", BUG, "Robin");

        deliverCreated(id);
        jobs.runDue();

        StoredTicket ticket = ticket(id);
        assertThat(timeline.of(team.workspace().id(), ticket.id())).extracting(TimelineEvent::text)
                .contains("analysis pending: no log source (triage version 1)");
        assertThat(notes(id)).hasSize(1); // the analysis posts nothing yet
    }

    @Test
    void aTicketThatIsNotABugGetsNoNoteUnlessAsked() throws Exception {
        String question = createTicket("How do I", "How can I change the email address on my invoices?", "Robin");
        deliverCreated(question);
        jobs.runDue();
        assertThat(ticket(question).latestTriage().triage().isBug()).isFalse();
        assertThat(notes(question)).isEmpty();

        change(current().classificationNotes(true));
        String another = createTicket("Where is", "Where can I download my invoices as PDF files?", "Robin");
        deliverCreated(another);
        jobs.runDue();
        assertThat(notes(another)).singleElement().asString().contains("Deskloop triage:").contains("not a bug");
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** A bug ticket already triaged and noted. */
    String ingested() throws Exception {
        String id = createTicket("Export broken", BUG, "Robin");
        deliverCreated(id);
        jobs.runDue();
        assertThat(notes(id)).hasSize(1);
        return id;
    }

    /** One call that the provider counts, so that the next one is over a limit of one a minute. */
    void useUpTheRateLimit(String externalId) {
        var connection = connections.byId(connectionId).orElseThrow();
        try {
            providers.get(connection.provider()).writer().findMarker(new WriteTarget(connection.account(),
                    connection.actingUserId(), externalId), tokens.accessToken(connectionId), "nothing");
        } catch (dev.deskloop.helpdesk.HelpdeskApiException.RateLimited alreadyLimited) {
            // fine: the limit is used up
        }
    }

    /** What an attempt that reached the provider did before its run died: counted, and posted; returns the reference. */
    String attemptThatReachedTheProvider(String externalId, OutboxEntry row) {
        outbox.attempting(row.id());
        var connection = connections.byId(connectionId).orElseThrow();
        return providers.get(connection.provider()).writer().post(
                new WriteTarget(connection.account(), connection.actingUserId(), externalId),
                tokens.accessToken(connectionId), OutboxDelivery.marked(outbox.payload(row.id()), row.marker()));
    }

    void assertSentOnce(String externalId, OutboxEntry row, String providerRef) {
        OutboxEntry sent = outbox.byId(row.id()).orElseThrow();
        assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(sent.providerRef()).isEqualTo(providerRef);
        assertThat(notes(externalId)).filteredOn(n -> n.contains(row.marker())).hasSize(1);
    }

    OutboxEntry enqueueNote(String externalId, String purpose) {
        return enqueue(externalId, purpose, new HelpdeskWrite.InternalNote("<p>Note " + purpose + "</p>"));
    }

    OutboxEntry enqueue(String externalId, String purpose, HelpdeskWrite write) {
        StoredTicket ticket = ticket(externalId);
        String key = connectionId + ":" + ticket.id() + ":" + purpose + ":1";
        assertThat(outbox.enqueue(new OutboxRequest(team.workspace().id(), connectionId, ticket.id(), purpose, key, write)))
                .isTrue();
        return outbox.byKey(key).orElseThrow();
    }

    StoredTicket ticket(String externalId) {
        return tickets.byExternalId(connectionId, externalId).orElseThrow();
    }

    SettingsChange current() {
        return new SettingsChange(bindings.settings(connectionId));
    }

    void change(SettingsChange change) {
        bindings.change(fixtures.caller(team.workspace(), team.owner()), connectionId, change.settings);
    }

    List<String> audit() {
        return jdbc.sql("select action from audit_event where workspace_id = :w").param("w", team.workspace().id())
                .query(String.class).list();
    }

    /** Builds changed settings from the current ones. */
    static final class SettingsChange {
        BindingSettings settings;

        SettingsChange(BindingSettings settings) {
            this.settings = settings;
        }

        SettingsChange postingMode(PostingMode mode) {
            settings = new BindingSettings(mode, settings.autoAnalyze(), settings.timeBufferHours(), settings.fieldMapping(),
                    settings.publicReplyTemplate(), settings.scopeFilter(), settings.classificationNotes(),
                    settings.timeZone());
            return this;
        }

        SettingsChange autoAnalyze(AnalyzeThreshold threshold) {
            settings = new BindingSettings(settings.postingMode(), threshold, settings.timeBufferHours(),
                    settings.fieldMapping(), settings.publicReplyTemplate(), settings.scopeFilter(), settings.classificationNotes(),
                    settings.timeZone());
            return this;
        }

        SettingsChange template(String template) {
            settings = new BindingSettings(settings.postingMode(), settings.autoAnalyze(), settings.timeBufferHours(),
                    settings.fieldMapping(), template, settings.scopeFilter(), settings.classificationNotes(), settings.timeZone());
            return this;
        }

        SettingsChange severityField(String field) {
            settings = new BindingSettings(settings.postingMode(), settings.autoAnalyze(), settings.timeBufferHours(),
                    new FieldMapping(field, null, null), settings.publicReplyTemplate(), settings.scopeFilter(),
                    settings.classificationNotes(), settings.timeZone());
            return this;
        }

        SettingsChange classificationNotes(boolean notes) {
            settings = new BindingSettings(settings.postingMode(), settings.autoAnalyze(), settings.timeBufferHours(),
                    settings.fieldMapping(), settings.publicReplyTemplate(), settings.scopeFilter(), notes, settings.timeZone());
            return this;
        }
    }
}
