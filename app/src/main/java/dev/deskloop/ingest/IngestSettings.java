package dev.deskloop.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Retry policy of delivery processing: attempts before the dead-letter list, and the exponential backoff. */
@ConfigurationProperties("deskloop.ingest")
public record IngestSettings(int maxAttempts, Duration firstRetry, Duration maxRetry) {

    public IngestSettings {
        if (maxAttempts < 1) {
            maxAttempts = 8;
        }
        if (firstRetry == null || firstRetry.isNegative() || firstRetry.isZero()) {
            firstRetry = Duration.ofSeconds(10);
        }
        if (maxRetry == null || maxRetry.compareTo(firstRetry) < 0) {
            maxRetry = Duration.ofHours(1);
        }
    }

    /** The wait before retry number {@code attempt} (1-based): 10 s, 20 s, 40 s, … capped. */
    public Duration backoff(int attempt) {
        long factor = 1L << Math.min(Math.max(0, attempt - 1), 20);
        Duration wait = firstRetry.multipliedBy(factor);
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
