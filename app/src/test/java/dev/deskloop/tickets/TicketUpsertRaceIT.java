package dev.deskloop.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.deskloop.IntegrationTest;
import dev.deskloop.TestDatabases;
import dev.deskloop.connection.ConnectionFlow;
import dev.deskloop.connection.Connections;
import dev.deskloop.helpdesk.HelpdeskMessage;
import dev.deskloop.helpdesk.HelpdeskTicket;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two workers store the same new ticket at once (two deliveries of one ticket, or a delivery and a re-fetch): the
 * second insert meets the first's uncommitted row. The order is forced: the first store holds its transaction open
 * until the database shows the second waiting on it.
 */
class TicketUpsertRaceIT extends IntegrationTest {

    private static final Instant AT = Instant.parse("2026-03-14T08:00:00Z");

    @Autowired
    Fixtures fixtures;

    @Autowired
    Connections connections;

    @Autowired
    Tickets tickets;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void twoStoresOfTheSameNewTicketMakeOneRowWithTheLaterContent() throws Exception {
        var team = fixtures.team("upsert-race");
        UUID connectionId = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "zendesk",
                "race" + UUID.randomUUID().toString().substring(0, 8), connections);
        String external = UUID.randomUUID().toString().substring(0, 12);
        CountDownLatch firstStored = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);

        try (ExecutorService workers = Executors.newFixedThreadPool(2)) {
            Future<UUID> first = workers.submit(() -> transaction.execute(status -> {
                UUID id = store(team.workspace().id(), connectionId, ticket(external, "First subject"));
                firstStored.countDown();
                await(commitFirst);
                return id;
            }));
            assertThat(firstStored.await(30, TimeUnit.SECONDS)).isTrue();
            Future<UUID> second = workers.submit(() -> transaction.execute(status ->
                    store(team.workspace().id(), connectionId, ticket(external, "Second subject"))));
            awaitASessionWaitingForALock(second);
            commitFirst.countDown();

            UUID firstId = first.get(30, TimeUnit.SECONDS);
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(firstId);
        }
        assertThat(jdbc.sql("select subject from ticket where connection_id = :c and external_id = :e")
                .param("c", connectionId).param("e", external).query(String.class).list())
                .containsExactly("Second subject");
    }

    private UUID store(UUID workspaceId, UUID connectionId, HelpdeskTicket ticket) {
        return tickets.upsert(workspaceId, connectionId, ProviderId.ZENDESK, ticket,
                TicketDocuments.from(ProviderId.ZENDESK, ticket, AT));
    }

    /** Waits until the database shows the second store waiting; fails if it ends first. */
    private void awaitASessionWaitingForALock(Future<UUID> second) throws InterruptedException {
        String blocked = "postgres".equals(TestDatabases.current())
                ? "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()"
                // H2 names no blocker for this wait; the first store is idle, so a session still inside the insert waits.
                : "select count(*) from information_schema.sessions where executing_statement like 'insert into ticket %'";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (jdbc.sql(blocked).query(Long.class).single() == 0) {
            assertThat(second).as("the second store finished without waiting for the first").isNotDone();
            assertThat(Instant.now()).as("no session waited for a lock").isBefore(deadline);
            Thread.sleep(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the first store commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HelpdeskTicket ticket(String externalId, String subject) {
        return new HelpdeskTicket(externalId, subject, "open", null, AT, AT, "Ann", "ann@example.com", List.of(), null,
                List.of(new HelpdeskMessage("1", HelpdeskMessage.Author.CUSTOMER, "100", true, "<p>It broke</p>", AT,
                        false, List.of())), null);
    }
}
