package dev.deskloop.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.TestSimulator;
import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Provider tokens, webhook signing secrets and client secrets never reach the log in any connection step. */
@ExtendWith(OutputCaptureExtension.class)
class ProviderSecretsStayOutOfLogsIT extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Connections connections;

    @Autowired
    ConnectionTokens tokens;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Test
    void connectRefreshFailAndDisconnectLogNoSecret(CapturedOutput output) throws Exception {
        var team = fixtures.team("logs-zd");
        String subdomain = "logs" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        Connections.Secrets first = connections.secrets(id);
        clock.advance(Duration.ofMinutes(115));
        tokens.accessToken(id);
        Connections.Secrets refreshed = connections.secrets(id);
        SIMULATOR.zendesk().revokeAllTokens(subdomain);
        try {
            tokens.refreshAfterUnauthorized(id, refreshed.accessToken());
        } catch (RuntimeException expected) {
            // the refused refresh is logged and audited: without the tokens
        }
        lifecycle.disconnect(fixtures.caller(team.workspace(), team.owner()), id);

        assertThat(output.getAll())
                .doesNotContain(first.accessToken())
                .doesNotContain(first.refreshToken())
                .doesNotContain(first.signingSecret())
                .doesNotContain(refreshed.accessToken())
                .doesNotContain(refreshed.refreshToken())
                .doesNotContain(TestSimulator.ZENDESK_CLIENT_SECRET)
                .doesNotContain(TestSimulator.INTERCOM_CLIENT_SECRET);
    }
}
