package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;

import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import dev.deskloop.tickets.Tickets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An instance dies after claiming a delivery or picking its retry job: the work is found again (the claim lapses,
 * the job's heartbeat stops) and done once; and a job that runs again after its work was committed changes nothing.
 */
class CrashSafetyIT extends ConnectedZendeskTest {

    @Autowired
    Inbox inbox;

    @Autowired
    Tickets tickets;

    @Autowired
    DeliveryProcessing processing;

    @Test
    void aDeliveryClaimedByAnInstanceThatDiedIsPutBackInLineAndDoneOnce() throws Exception {
        ZendeskTicket ticket = SIMULATOR.zendesk().createTicket(subdomain, CustomerTicket.of("Crash",
                "Checkout fails with an error for every customer since 10:00."));
        deliver(ticket);
        UUID inboxId = inbox.recent(team.workspace().id(), null, 1).getFirst().id();

        // Another instance claimed the delivery and then died before finishing it.
        int claimed = jdbc.sql("update inbox set status = 'claimed', next_attempt_at = :until where id = :id and status = 'received'")
                .param("until", Timestamp.from(clock.instant().plus(InboxDrain.LEASE))).param("id", inboxId)
                .update();
        assertThat(claimed).isEqualTo(1);

        jobs.runDue();
        jobs.reviveDeadExecutions();
        jobs.runDue();
        assertThat(inbox.byId(inboxId).orElseThrow().status()).as("a live claim is left alone").isEqualTo(InboxStatus.CLAIMED);

        clock.advance(InboxDrain.LEASE.plusSeconds(1));
        jobs.reviveDeadExecutions();
        jobs.runDue();

        assertThat(inbox.byId(inboxId).orElseThrow().status()).isEqualTo(InboxStatus.DONE);
        var stored = tickets.byExternalId(connectionId, Long.toString(ticket.id())).orElseThrow();
        assertThat(tickets.triageHistory(stored.id())).hasSize(1);
    }

    @Test
    void aRetryJobPickedByAnInstanceThatDiedIsPickedUpAgainAndDoneOnce() throws Exception {
        ZendeskTicket ticket = SIMULATOR.zendesk().createTicket(subdomain, CustomerTicket.of("Crash again",
                "Invoices show the wrong currency for every customer since 10:00."));
        deliver(ticket);
        UUID inboxId = inbox.recent(team.workspace().id(), null, 1).getFirst().id();

        // The first attempt failed and left a retry job, which another instance picked and then died.
        jdbc.sql("update inbox set status = 'processing', attempts = 1 where id = :id").param("id", inboxId).update();
        jobs.scheduleNow(DeliveryProcessing.instance(inboxId));
        int picked = jdbc.sql("""
                        update scheduled_tasks set picked = true, picked_by = 'instance-that-died', last_heartbeat = :beat
                        where task_name = 'process-delivery' and task_instance = :id""")
                .param("beat", Timestamp.from(clock.instant().minus(Duration.ofHours(2))))
                .param("id", inboxId.toString())
                .update();
        assertThat(picked).isEqualTo(1);

        jobs.runDue();
        assertThat(inbox.byId(inboxId).orElseThrow().status()).as("a picked job is not run twice").isEqualTo(InboxStatus.PROCESSING);

        jobs.reviveDeadExecutions();
        jobs.runDue();

        assertThat(inbox.byId(inboxId).orElseThrow().status()).isEqualTo(InboxStatus.DONE);
        var stored = tickets.byExternalId(connectionId, Long.toString(ticket.id())).orElseThrow();
        assertThat(tickets.triageHistory(stored.id())).hasSize(1);
    }

    private void deliver(ZendeskTicket ticket) throws Exception {
        deliveries.zendesk(connectionId, Deliveries.zendeskBody("ticket.created", ticket.id(), ticket.updatedAt()),
                secret, clock.instant()).andExpect(status().isOk());
    }

    @Test
    void runningAJobAgainAfterItsWorkCommittedChangesNothing() throws Exception {
        ZendeskTicket ticket = SIMULATOR.zendesk().createTicket(subdomain, CustomerTicket.of("Twice",
                "Search returns nothing for any query since yesterday."));
        deliveries.zendesk(connectionId, Deliveries.zendeskBody("ticket.created", ticket.id(), ticket.updatedAt()),
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
