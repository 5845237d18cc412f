package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.connection.ConnectionFlow;
import dev.deskloop.connection.Connections;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import dev.deskloop.tickets.Tickets;
import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An instance dies after picking a job: the job is found again (its heartbeat stopped) and processed once; and
 * a job that runs again after its work was committed changes nothing.
 */
class CrashSafetyIT extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Connections connections;

    @Autowired
    Inbox inbox;

    @Autowired
    Tickets tickets;

    @Autowired
    Jobs jobs;

    @Autowired
    DeliveryProcessing processing;

    Fixtures.Team team;
    String subdomain;
    UUID connectionId;
    String secret;

    @BeforeEach
    void connect() throws Exception {
        team = fixtures.team("crash");
        subdomain = "crash" + UUID.randomUUID().toString().substring(0, 8);
        connectionId = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        secret = connections.signingSecret(connectionId).orElseThrow();
        jobs.runDue();
    }

    @Test
    void aJobPickedByAnInstanceThatDiedIsPickedUpAgainAndDoneOnce() throws Exception {
        ZendeskTicket ticket = SIMULATOR.zendesk().createTicket(subdomain, CustomerTicket.of("Crash",
                "Checkout fails with an error for every customer since 10:00."));
        new Deliveries(mvc).zendesk(connectionId, Deliveries.zendeskBody("ticket.created", ticket.id(), ticket.updatedAt()),
                secret, clock.instant());
        UUID inboxId = inbox.recent(team.workspace().id(), null, 1).getFirst().id();

        // Another instance picked the job and then died: picked, with a heartbeat that stopped long ago.
        int picked = jdbc.sql("""
                        update scheduled_tasks set picked = true, picked_by = 'instance-that-died', last_heartbeat = :beat
                        where task_name = 'process-delivery' and task_instance = :id""")
                .param("beat", Timestamp.from(clock.instant().minus(Duration.ofHours(2))))
                .param("id", inboxId.toString())
                .update();
        assertThat(picked).isEqualTo(1);

        jobs.runDue();
        assertThat(inbox.byId(inboxId).orElseThrow().status()).as("a picked job is not run twice").isEqualTo(InboxStatus.RECEIVED);

        jobs.reviveDeadExecutions();
        jobs.runDue();

        assertThat(inbox.byId(inboxId).orElseThrow().status()).isEqualTo(InboxStatus.DONE);
        var stored = tickets.byExternalId(connectionId, Long.toString(ticket.id())).orElseThrow();
        assertThat(tickets.triageHistory(stored.id())).hasSize(1);
    }

    @Test
    void runningAJobAgainAfterItsWorkCommittedChangesNothing() throws Exception {
        ZendeskTicket ticket = SIMULATOR.zendesk().createTicket(subdomain, CustomerTicket.of("Twice",
                "Search returns nothing for any query since yesterday."));
        new Deliveries(mvc).zendesk(connectionId, Deliveries.zendeskBody("ticket.created", ticket.id(), ticket.updatedAt()),
                secret, clock.instant());
        jobs.runDue();
        UUID inboxId = inbox.recent(team.workspace().id(), null, 1).getFirst().id();
        int requestsBefore = SIMULATOR.requests().size();

        // The process died after committing but before the queue removed the job: it runs again.
        jobs.scheduleNow(DeliveryProcessing.instance(inboxId));
        jobs.runDue();
        processing.process(inboxId);

        var stored = tickets.byExternalId(connectionId, Long.toString(ticket.id())).orElseThrow();
        assertThat(tickets.triageHistory(stored.id())).hasSize(1);
        assertThat(SIMULATOR.requests().size()).as("a finished delivery is not fetched again").isEqualTo(requestsBefore);
        long ticketRows = jdbc.sql("select count(*) from ticket where connection_id = :c").param("c", connectionId)
                .query(Long.class).single();
        assertThat(ticketRows).isEqualTo(1);
    }
}
