package dev.deskloop.platform.jobs;

import java.time.Duration;

/**
 * How a durable job retries a failing piece of work: the attempts before it is dead-lettered, and an exponential
 * backoff from {@code firstRetry} doubling up to {@code maxRetry}. Unset or invalid values take the defaults
 * (8 attempts, 10 s, 1 h).
 */
public record RetryPolicy(int maxAttempts, Duration firstRetry, Duration maxRetry) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(0, null, null);

    public RetryPolicy {
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

    /** The wait before retry number {@code attempt} (1-based): 10 s, 20 s, 40 s, … capped at {@code maxRetry}. */
    public Duration backoff(int attempt) {
        long factor = 1L << Math.min(Math.max(0, attempt - 1), 20);
        Duration wait = firstRetry.multipliedBy(factor);
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }

    /** Whether failed attempt number {@code attempt} (1-based) was the last one. */
    public boolean exhausted(int attempt) {
        return attempt >= maxAttempts;
    }
}
