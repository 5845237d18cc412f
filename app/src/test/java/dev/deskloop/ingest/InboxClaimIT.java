package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The inbox as a work queue: claims are exclusive, oldest first within a connection, connections take turns, and a
 * lapsed claim goes back in line.
 */
class InboxClaimIT extends IntegrationTest {

    @Autowired
    Inbox inbox;

    @Autowired
    Fixtures fixtures;

    @Test
    void claimsTakeReceivedDeliveriesOldestFirstAndNeverTwice() {
        UUID workspace = UUID.randomUUID();
        UUID connection = UUID.randomUUID();
        List<UUID> stored = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stored.add(inbox.insert(workspace, connection, ProviderId.ZENDESK, "claim-" + i, "ticket.created",
                    new byte[] {'{', '}'}, InboxStatus.RECEIVED, null));
            clock.advance(Duration.ofMillis(10));
        }
        UUID held = inbox.insert(workspace, connection, ProviderId.ZENDESK, "claim-held", "ticket.created",
                new byte[] {'{', '}'}, InboxStatus.HELD, "paused");
        // Deliveries left waiting by other tests sharing this database would be older, so claimed first: finish them.
        jdbc.sql("update inbox set status = 'done' where status in ('received', 'claimed') and connection_id <> :c")
                .param("c", connection).update();

        List<UUID> first = inbox.claim(3, clock.instant().plus(InboxDrain.LEASE));
        List<UUID> second = inbox.claim(10, clock.instant().plus(InboxDrain.LEASE));

        assertThat(first).containsExactlyElementsOf(stored.subList(0, 3));
        assertThat(second).containsExactlyElementsOf(stored.subList(3, 5));
        assertThat(inbox.claim(10, clock.instant().plus(InboxDrain.LEASE))).isEmpty();
        assertThat(inbox.byId(held).orElseThrow().status()).isEqualTo(InboxStatus.HELD);
        assertThat(inbox.byId(stored.getFirst()).orElseThrow().status()).isEqualTo(InboxStatus.CLAIMED);
    }

    @Test
    void aConnectionWithABacklogDoesNotHoldUpTheOthers() {
        UUID flooded = connection(fixtures.team("claim-flooded").workspace().id());
        UUID quiet = connection(fixtures.team("claim-quiet").workspace().id());
        List<UUID> backlog = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            backlog.add(inbox.insert(UUID.randomUUID(), flooded, ProviderId.ZENDESK, "backlog-" + i, "ticket.created",
                    new byte[] {'{', '}'}, InboxStatus.RECEIVED, null));
            clock.advance(Duration.ofMillis(10));
        }
        UUID newTicket = inbox.insert(UUID.randomUUID(), quiet, ProviderId.ZENDESK, "new", "ticket.created",
                new byte[] {'{', '}'}, InboxStatus.RECEIVED, null);
        clock.advance(Duration.ofMillis(10));
        UUID orphan = inbox.insert(UUID.randomUUID(), UUID.randomUUID(), ProviderId.ZENDESK, "orphan", "ticket.created",
                new byte[] {'{', '}'}, InboxStatus.RECEIVED, null);
        jdbc.sql("update inbox set status = 'done' where status in ('received', 'claimed') and id not in (:ids)")
                .param("ids", concat(backlog, List.of(newTicket, orphan))).update();
        Instant lease = clock.instant().plus(InboxDrain.LEASE);

        // One at a time, as a drain with one free worker claims: the connections alternate, each oldest first.
        List<UUID> claimed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            claimed.addAll(inbox.claim(1, lease));
        }
        assertThat(claimed).containsExactly(backlog.get(0), newTicket, backlog.get(1), backlog.get(2));
        // A delivery whose connection has no row still comes, after the connections' turns.
        assertThat(inbox.claim(10, lease)).containsExactly(backlog.get(3), backlog.get(4), backlog.get(5), orphan);
    }

    @Test
    void inABatchEachConnectionGivesOneDeliveryPerTurn() {
        UUID first = connection(fixtures.team("claim-batch-a").workspace().id());
        UUID second = connection(fixtures.team("claim-batch-b").workspace().id());
        List<UUID> a = new ArrayList<>();
        List<UUID> b = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            a.add(inbox.insert(UUID.randomUUID(), first, ProviderId.INTERCOM, "a-" + i, "conversation.user.created",
                    new byte[] {'{', '}'}, InboxStatus.RECEIVED, null));
            clock.advance(Duration.ofMillis(10));
        }
        for (int i = 0; i < 2; i++) {
            b.add(inbox.insert(UUID.randomUUID(), second, ProviderId.INTERCOM, "b-" + i, "conversation.user.created",
                    new byte[] {'{', '}'}, InboxStatus.RECEIVED, null));
            clock.advance(Duration.ofMillis(10));
        }
        jdbc.sql("update inbox set status = 'done' where status in ('received', 'claimed') and id not in (:ids)")
                .param("ids", concat(a, b)).update();

        assertThat(inbox.claim(5, clock.instant().plus(InboxDrain.LEASE)))
                .containsExactly(a.get(0), b.get(0), a.get(1), b.get(1), a.get(2));
    }

    private UUID connection(UUID workspace) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into connection (id, workspace_id, provider, account, status, created_at, updated_at)
                        values (:id, :w, 'zendesk', :account, 'connected', :at, :at)""")
                .param("id", id).param("w", workspace).param("account", "claim-" + id)
                .param("at", Timestamp.from(clock.instant())).update();
        return id;
    }

    private static List<UUID> concat(List<UUID> first, List<UUID> second) {
        List<UUID> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Test
    void aLapsedClaimGoesBackInLineAndALiveOneStays() {
        UUID connection = UUID.randomUUID();
        UUID id = inbox.insert(UUID.randomUUID(), connection, ProviderId.INTERCOM, "lapse", "conversation.user.created",
                new byte[] {'{', '}'}, InboxStatus.RECEIVED, null);
        jdbc.sql("update inbox set status = 'done' where status in ('received', 'claimed') and id <> :id")
                .param("id", id).update();
        assertThat(inbox.claim(10, clock.instant().plus(Duration.ofMinutes(5)))).containsExactly(id);

        inbox.releaseLapsedClaims();
        assertThat(inbox.byId(id).orElseThrow().status()).isEqualTo(InboxStatus.CLAIMED);

        clock.advance(Duration.ofMinutes(6));
        inbox.releaseLapsedClaims();
        assertThat(inbox.byId(id).orElseThrow().status()).isEqualTo(InboxStatus.RECEIVED);
        assertThat(inbox.claim(10, clock.instant().plus(Duration.ofMinutes(5)))).containsExactly(id);
    }
}
