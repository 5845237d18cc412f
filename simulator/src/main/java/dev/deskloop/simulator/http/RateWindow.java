package dev.deskloop.simulator.http;

import java.time.Duration;
import java.time.Instant;

/**
 * A fixed-window request counter on the simulator's clock: {@code limit} calls per {@code window},
 * windows aligned to the epoch. Thread-safe.
 */
public final class RateWindow {

    /** The outcome of counting one call. */
    public record Verdict(boolean allowed, int limit, int remaining, Instant resetsAt) {
        /** Whole seconds until the window resets, at least one. */
        public long retryAfterSeconds(Instant now) {
            long millis = Duration.between(now, resetsAt).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
    }

    private long windowStart = Long.MIN_VALUE;
    private int used;

    /** Counts one call against {@code limit} per {@code window}; a limit of zero or less never refuses. */
    public synchronized Verdict count(Instant now, int limit, Duration window) {
        long windowMillis = window.toMillis();
        long start = Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis;
        if (start != windowStart) {
            windowStart = start;
            used = 0;
        }
        Instant resetsAt = Instant.ofEpochMilli(start + windowMillis);
        if (limit <= 0) {
            return new Verdict(true, limit, Integer.MAX_VALUE, resetsAt);
        }
        if (used >= limit) {
            return new Verdict(false, limit, 0, resetsAt);
        }
        used++;
        return new Verdict(true, limit, limit - used, resetsAt);
    }

    public synchronized void clear() {
        windowStart = Long.MIN_VALUE;
        used = 0;
    }
}
