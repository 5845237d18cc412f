package dev.deskloop.helpdesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.deskloop.helpdesk.HelpdeskApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Which provider answers are retried, which are refusals, and when a 429 may be tried again. */
class ErrorMappingTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String BODY = "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\"}";

    @Test
    void aConflictOrATimeoutIsWorthRetryingAndOtherClientErrorsAreRefusals() {
        for (int status : new int[] {408, 409, 425, 500, 502, 503}) {
            assertThat(ErrorMapping.map(status, new HttpHeaders(), BODY, CLOCK)).as("status %d", status)
                    .isInstanceOf(HelpdeskApiException.Unavailable.class)
                    .hasMessageContaining(String.valueOf(status));
        }
        for (int status : new int[] {400, 413, 422}) {
            assertThat(ErrorMapping.map(status, new HttpHeaders(), BODY, CLOCK)).as("status %d", status)
                    .isInstanceOfSatisfying(HelpdeskApiException.Rejected.class, rejected -> {
                        assertThat(rejected.status()).isEqualTo(status);
                        assertThat(rejected.providerMessage()).isEqualTo("RecordInvalid");
                    });
        }
        assertThat(ErrorMapping.map(401, new HttpHeaders(), BODY, CLOCK)).isInstanceOf(HelpdeskApiException.Unauthorized.class);
        assertThat(ErrorMapping.map(404, new HttpHeaders(), BODY, CLOCK)).isInstanceOf(HelpdeskApiException.NotFound.class);
    }

    @Test
    void aRateLimitIsNeverRetriedStraightAwayEvenWhenItsResetHasPassedByOurClock() {
        HttpHeaders past = new HttpHeaders();
        past.set("X-RateLimit-Reset", String.valueOf(NOW.minusSeconds(5).getEpochSecond()));
        HttpHeaders zero = new HttpHeaders();
        zero.set(HttpHeaders.RETRY_AFTER, "0");
        HttpHeaders later = new HttpHeaders();
        later.set(HttpHeaders.RETRY_AFTER, "30");

        for (HttpHeaders headers : new HttpHeaders[] {past, zero}) {
            HelpdeskApiException limited = ErrorMapping.map(429, headers, "", CLOCK);
            assertThat(limited).isInstanceOf(HelpdeskApiException.RateLimited.class);
            assertThat(((HelpdeskApiException.RateLimited) limited).retryAt(NOW))
                    .isEqualTo(NOW.plus(HelpdeskApiException.RateLimited.MIN_WAIT));
        }
        var thirty = (HelpdeskApiException.RateLimited) ErrorMapping.map(429, later, "", CLOCK);
        assertThat(thirty.retryAt(NOW)).isEqualTo(NOW.plus(Duration.ofSeconds(30)));
    }
}
