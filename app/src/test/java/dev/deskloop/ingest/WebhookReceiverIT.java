package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Types;
import java.util.UUID;

import dev.deskloop.connection.ConnectionLifecycle;
import dev.deskloop.connection.Connections;
import dev.deskloop.platform.crypto.TokenCipher;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The webhook endpoint reuses a connection and its signing secret for a moment instead of reading them for every
 * delivery; these tests show that the reuse never lets a change go unnoticed.
 */
class WebhookReceiverIT extends ConnectedZendeskTest {

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    TokenCipher cipher;

    @Test
    void aPauseMadeHereHoldsTheVeryNextDelivery() throws Exception {
        deliveries.zendesk(connectionId, created(ticket()), secret, clock.instant())
                .andExpect(jsonPath("$.status").value("received"));

        lifecycle.pause(fixtures.caller(team.workspace(), team.owner()), connectionId);

        deliveries.zendesk(connectionId, created(ticket()), secret, clock.instant())
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("held"));
    }

    @Test
    void aSecretChangedElsewhereIsReadAgainWhenASignatureDoesNotMatch() throws Exception {
        deliveries.zendesk(connectionId, created(ticket()), secret, clock.instant())
                .andExpect(jsonPath("$.status").value("received"));
        assertThat(connections.receiver(connectionId, false)).map(Connections.WebhookReceiver::signingSecret)
                .contains(secret);

        // Another instance stores a new secret (e.g. after a reconnect): this instance's copy is now stale.
        String rotated = "rotated-" + UUID.randomUUID();
        jdbc.sql("update connection set signing_secret = :secret where id = :id")
                .param("secret", cipher.encrypt(rotated, "connection:" + connectionId + ":signing_secret"), Types.BINARY)
                .param("id", connectionId).update();

        deliveries.zendesk(connectionId, created(ticket()), rotated, clock.instant())
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("received"));
        deliveries.zendesk(connectionId, created(ticket()), secret, clock.instant())
                .andExpect(status().isUnauthorized());
        assertThat(inboxRows()).isEqualTo(2);
    }

    @Test
    void theSecretStaysOutOfTheReceiversText() {
        var receiver = connections.receiver(connectionId, true).orElseThrow();

        assertThat(receiver.signingSecret()).isEqualTo(secret);
        assertThat(receiver.toString()).doesNotContain(secret).contains(connectionId.toString());
    }

    private ZendeskTicket ticket() {
        return SIMULATOR.zendesk().createTicket(subdomain, CustomerTicket.of("Export broken", "The export fails."));
    }

    private static String created(ZendeskTicket ticket) {
        return Deliveries.zendeskBody("ticket.created", ticket.id(), ticket.updatedAt());
    }

    private long inboxRows() {
        return jdbc.sql("select count(*) from inbox where connection_id = :c").param("c", connectionId)
                .query(Long.class).single();
    }
}
