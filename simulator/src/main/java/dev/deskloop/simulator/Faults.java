package dev.deskloop.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Faults to inject into one simulated provider, on demand: rate limiting after N calls per minute,
 * failures for the next N calls, slow responses, duplicate and out-of-order webhook deliveries.
 * Revoked tokens are set on the provider handle. Every setter returns this for chaining; thread-safe.
 */
public final class Faults {

    /** What to do to one incoming API call. */
    public record Injection(Duration delay, int failStatus) {
        public boolean fails() {
            return failStatus > 0;
        }
    }

    private final int defaultFailStatus;
    private int rateLimitPerMinute;
    private int failRemaining;
    private int failStatus;
    private Duration delayAll = Duration.ZERO;
    private int delayRemaining;
    private Duration delayNext = Duration.ZERO;
    private int duplicateRemaining;
    private int reorderRemaining;

    public Faults(int defaultFailStatus) {
        this.defaultFailStatus = defaultFailStatus;
        this.failStatus = defaultFailStatus;
    }

    /** Answers 429 once more than {@code calls} API calls arrive in one clock minute; 0 turns it off. */
    public synchronized Faults rateLimitPerMinute(int calls) {
        this.rateLimitPerMinute = Math.max(0, calls);
        return this;
    }

    /** Fails the next {@code calls} API calls with the provider's usual server error. */
    public synchronized Faults failNext(int calls) {
        return failNext(calls, defaultFailStatus);
    }

    /** Fails the next {@code calls} API calls with {@code status} (a 5xx). */
    public synchronized Faults failNext(int calls, int status) {
        this.failRemaining = Math.max(0, calls);
        this.failStatus = status;
        return this;
    }

    /** Delays every response by {@code delay} until cleared. */
    public synchronized Faults delayResponses(Duration delay) {
        this.delayAll = delay;
        return this;
    }

    /** Delays the next {@code calls} responses by {@code delay}. */
    public synchronized Faults delayNext(int calls, Duration delay) {
        this.delayRemaining = Math.max(0, calls);
        this.delayNext = delay;
        return this;
    }

    /** Sends each of the next {@code deliveries} webhooks twice, byte for byte. */
    public synchronized Faults duplicateNextDeliveries(int deliveries) {
        this.duplicateRemaining = Math.max(0, deliveries);
        return this;
    }

    /** Holds the next {@code deliveries} webhooks and sends them in reverse order. */
    public synchronized Faults reorderNextDeliveries(int deliveries) {
        this.reorderRemaining = Math.max(0, deliveries);
        return this;
    }

    public synchronized Faults clear() {
        rateLimitPerMinute = 0;
        failRemaining = 0;
        failStatus = defaultFailStatus;
        delayAll = Duration.ZERO;
        delayRemaining = 0;
        delayNext = Duration.ZERO;
        duplicateRemaining = 0;
        reorderRemaining = 0;
        return this;
    }

    /** The per-minute limit set by {@link #rateLimitPerMinute(int)}, or 0 when none is set. */
    public synchronized int rateLimitOverride() {
        return rateLimitPerMinute;
    }

    /** Consumes the faults that apply to one incoming call. */
    public synchronized Injection nextCall() {
        Duration delay = delayAll;
        if (delayRemaining > 0) {
            delayRemaining--;
            delay = delay.plus(delayNext);
        }
        int fail = 0;
        if (failRemaining > 0) {
            failRemaining--;
            fail = failStatus;
        }
        return new Injection(delay, fail);
    }

    /** Whether the delivery being queued should be sent twice. */
    public synchronized boolean takeDuplicate() {
        if (duplicateRemaining > 0) {
            duplicateRemaining--;
            return true;
        }
        return false;
    }

    /**
     * Whether the delivery being queued should be held back for reordering; {@code 0} means no,
     * {@code 1} means hold it and more will follow, {@code 2} means hold it and release the batch now.
     */
    public synchronized int takeReorder() {
        if (reorderRemaining <= 0) {
            return 0;
        }
        reorderRemaining--;
        return reorderRemaining == 0 ? 2 : 1;
    }

    /** The current settings, for the control API. */
    public synchronized Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rate_limit_per_minute", rateLimitPerMinute);
        out.put("fail_next", failRemaining);
        out.put("fail_status", failStatus);
        out.put("delay_all_ms", delayAll.toMillis());
        out.put("delay_next", delayRemaining);
        out.put("delay_next_ms", delayNext.toMillis());
        out.put("duplicate_next_deliveries", duplicateRemaining);
        out.put("reorder_next_deliveries", reorderRemaining);
        return out;
    }
}
