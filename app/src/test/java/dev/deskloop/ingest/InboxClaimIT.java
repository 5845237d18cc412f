package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.helpdesk.ProviderId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The inbox as a work queue: claims are exclusive, oldest first, and a lapsed claim goes back in line. */
class InboxClaimIT extends IntegrationTest {

    @Autowired
    Inbox inbox;

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
