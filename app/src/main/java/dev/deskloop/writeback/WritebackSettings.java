package dev.deskloop.writeback;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Retry policy of writes into tickets (attempts before the dead-letter list, exponential backoff) and pacing:
 * Zendesk allows 100 ticket updates a minute per account, so Deskloop sends at most {@code zendeskWritesPerMinute}
 * per connection and leaves the rest of the budget to the agents.
 */
@ConfigurationProperties("deskloop.writeback")
public record WritebackSettings(int maxAttempts, Duration firstRetry, Duration maxRetry, int zendeskWritesPerMinute) {

    public WritebackSettings {
        if (maxAttempts < 1) {
            maxAttempts = 8;
        }
        if (firstRetry == null || firstRetry.isNegative() || firstRetry.isZero()) {
            firstRetry = Duration.ofSeconds(10);
        }
        if (maxRetry == null || maxRetry.compareTo(firstRetry) < 0) {
            maxRetry = Duration.ofHours(1);
        }
        if (zendeskWritesPerMinute < 1) {
            zendeskWritesPerMinute = 90;
        }
    }

    /** The wait before retry number {@code attempt} (1-based): 10 s, 20 s, 40 s, … capped. */
    public Duration backoff(int attempt) {
        long factor = 1L << Math.min(Math.max(0, attempt - 1), 20);
        Duration wait = firstRetry.multipliedBy(factor);
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
