package dev.deskloop.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.simulator.junit.SimulatorExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults on demand: rate limits with the providers' headers, server errors, slow answers, revoked tokens. */
class FaultsTest {

    static final AdjustableClock CLOCK = AdjustableClock.startingNow();

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = SimulatorExtension.withConfig(SimulatorConfig.defaults().withClock(CLOCK));

    @Test
    void zendeskAnswers429WithRetryAfterOnceTheLimitIsReached(Simulator sim) {
        String token = sim.zendesk().issueToken("acme", "read");
        sim.zendesk().faults().rateLimitPerMinute(2);
        String url = sim.zendesk().baseUrl("acme") + "/api/v2/users/me.json";
        assertThat(TestHttp.get(url, token).statusCode()).isEqualTo(200);
        assertThat(TestHttp.get(url, token).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = TestHttp.get(url, token);
        assertThat(limited.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        CLOCK.advance(Duration.ofSeconds(retryAfter));
        assertThat(TestHttp.get(url, token).statusCode()).isEqualTo(200);
    }

    @Test
    void intercomAnswers429WithResetHeaders(Simulator sim) {
        String token = sim.intercom().issueToken();
        sim.intercom().faults().rateLimitPerMinute(1);
        String url = sim.intercom().apiBaseUrl() + "/me";
        assertThat(TestHttp.get(url, token).headers().firstValue("x-ratelimit-limit")).contains("1");
        HttpResponse<String> limited = TestHttp.get(url, token);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("x-ratelimit-reset").orElseThrow()))
            .isGreaterThan(CLOCK.instant().getEpochSecond());
        assertThat(Flows.json(limited).path("errors").path(0).path("code").stringValue()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void serverErrorsForTheNextCallsThenRecovery(Simulator sim) {
        String token = sim.zendesk().issueToken("acme", "read");
        sim.zendesk().faults().failNext(2);
        String url = sim.zendesk().baseUrl("acme") + "/api/v2/users/me.json";
        assertThat(TestHttp.get(url, token).statusCode()).isEqualTo(503);
        assertThat(TestHttp.get(url, token).statusCode()).isEqualTo(503);
        assertThat(TestHttp.get(url, token).statusCode()).isEqualTo(200);
        sim.intercom().faults().failNext(1, 502);
        assertThat(TestHttp.get(sim.intercom().apiBaseUrl() + "/me", sim.intercom().issueToken()).statusCode()).isEqualTo(502);
    }

    @Test
    void slowResponsesAreDelayed(Simulator sim) {
        String token = sim.zendesk().issueToken("acme", "read");
        sim.zendesk().faults().delayNext(1, Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(TestHttp.get(sim.zendesk().baseUrl("acme") + "/api/v2/users/me.json", token).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void revokedTokensAreRefused(Simulator sim) {
        String zendesk = sim.zendesk().issueToken("acme", "read");
        String intercom = sim.intercom().issueToken();
        sim.zendesk().revokeAllTokens();
        sim.intercom().revokeAllTokens();
        assertThat(TestHttp.get(sim.zendesk().baseUrl("acme") + "/api/v2/users/me.json", zendesk).statusCode()).isEqualTo(401);
        HttpResponse<String> revoked = TestHttp.get(sim.intercom().apiBaseUrl() + "/me", intercom);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(Flows.json(revoked).path("errors").path(0).path("code").stringValue()).isEqualTo("token_revoked");
    }
}
