package dev.deskloop.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.audit.AuditLog;
import dev.deskloop.connection.ConnectionFlow;
import dev.deskloop.connection.Connections;
import dev.deskloop.helpdesk.HelpdeskMessage;
import dev.deskloop.helpdesk.HelpdeskTicket;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.triage.TriageEngine;
import dev.deskloop.workspace.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two triage runs of one ticket at once: the engine is where a run spends its time, so a wrapper around it lets
 * "the other run" store its result exactly between this run's read and its write.
 */
class TicketTriageRaceIT extends IntegrationTest {

    private static final Instant AT = Instant.parse("2026-03-14T08:00:00Z");

    @Autowired Fixtures fixtures;
    @Autowired Connections connections;
    @Autowired Tickets tickets;
    @Autowired TriageEngine engine;
    @Autowired ObjectProvider<Jobs> jobs;
    @Autowired AuditLog audit;
    @Autowired MeterRegistry metrics;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transaction;
    @Autowired ServiceCatalogs catalogs;
    @Autowired TicketTimes times;
    @Autowired TicketTriage ticketTriage;

    Fixtures.Team team;
    UUID connectionId;
    UUID ticketId;

    @BeforeEach
    void storeATicketWithTwoCustomerMessages() throws Exception {
        team = fixtures.team("triage-race");
        connectionId = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "zendesk",
                "race" + UUID.randomUUID().toString().substring(0, 8), connections);
        HelpdeskTicket ticket = new HelpdeskTicket(UUID.randomUUID().toString().substring(0, 12), "Export fails",
                "open", null, AT, AT, "Ann", "ann@example.com", List.of(), null, List.of(
                        message("1", "The invoice export fails with a 500 error."),
                        message("2", "It also happens for every other user in our team.")), null);
        ticketId = transaction.execute(status -> tickets.upsert(team.workspace().id(), connectionId,
                ProviderId.ZENDESK, ticket, TicketDocuments.from(ProviderId.ZENDESK, ticket, AT)));
    }

    @Test
    void aRunThatLosesToAnOlderRunFailsSoThatItsJobRunsAgainAndTheRetryTriagesTheNewerMessages() {
        TicketTriage losing = withOtherRunStoringFirst(1);

        assertThatThrownBy(() -> losing.triage(ticketId)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("newer messages");
        assertThat(tickets.triageHistory(ticketId)).extracting(TriageRecord::messageCount).containsExactly(1);

        assertThat(ticketTriage.triage(ticketId)).isPresent();
        assertThat(tickets.byId(ticketId).orElseThrow().latestTriage().messageCount()).isEqualTo(2);
    }

    @Test
    void aRunThatLosesToARunThatReadTheSameMessagesStopsQuietly() {
        TicketTriage losing = withOtherRunStoringFirst(2);

        assertThat(losing.triage(ticketId)).isEmpty();
        assertThat(tickets.triageHistory(ticketId)).extracting(TriageRecord::messageCount).containsExactly(2);
    }

    /** A triage whose engine call lets another run store version 1, having read {@code otherRead} messages. */
    private TicketTriage withOtherRunStoringFirst(int otherRead) {
        TriageEngine racing = (document, context) -> {
            var result = engine.triage(document, context);
            StoredTicket read = tickets.byId(ticketId).orElseThrow();
            transaction.executeWithoutResult(status -> tickets.storeTriage(read, 1, otherRead, result,
                    java.time.ZoneOffset.UTC, 1));
            return result;
        };
        return new TicketTriage(tickets, racing, jobs, audit, metrics, clock, events, transaction, catalogs,
                times);
    }

    private static HelpdeskMessage message(String id, String body) {
        return new HelpdeskMessage(id, HelpdeskMessage.Author.CUSTOMER, "100", true, body, AT, false, List.of());
    }
}
