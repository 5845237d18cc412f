package dev.deskloop.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move by hand, so that code expiry, token expiry, rate-limit windows and webhook
 * retries can be exercised without sleeping. Thread-safe.
 */
public final class AdjustableClock extends Clock {

    private volatile Instant now;

    public AdjustableClock(Instant start) {
        this.now = start;
    }

    /** A clock at the current time, truncated to whole seconds. */
    public static AdjustableClock startingNow() {
        return new AdjustableClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
