package dev.deskloop.helpdesk;

import java.time.Duration;
import java.time.Instant;

/**
 * A provider call failed. The family is closed so that callers handle every kind: the token is no longer accepted,
 * the provider asks us to wait, the thing is gone, the provider refused the request as invalid, or the provider
 * could not be reached. Messages never contain tokens or secrets.
 */
public abstract sealed class HelpdeskApiException extends RuntimeException {

    protected HelpdeskApiException(String message, Throwable cause) {
        super(message, cause);
    }

    /** 401/403: the token was revoked, expired or lacks a scope. */
    public static final class Unauthorized extends HelpdeskApiException {
        public Unauthorized(String message) {
            super(message, null);
        }
    }

    /** 429: try again at {@link #retryAt()}. */
    public static final class RateLimited extends HelpdeskApiException {
        private final Instant retryAt;

        public RateLimited(Instant retryAt) {
            super("rate limited until " + retryAt, null);
            this.retryAt = retryAt;
        }

        public Instant retryAt() {
            return retryAt;
        }

        /**
         * When to try again: the provider's time, but never straight back at a provider that just said 429, even when
         * its reset time has passed by our clock (a clock ahead of the provider's, or {@code Retry-After: 0}).
         */
        public Instant retryAt(Instant now) {
            Instant soonest = now.plus(MIN_WAIT);
            return retryAt.isAfter(soonest) ? retryAt : soonest;
        }

        /** The least wait after a 429. */
        public static final Duration MIN_WAIT = Duration.ofSeconds(1);
    }

    /** 404: the ticket, webhook or other resource does not exist (any more). */
    public static final class NotFound extends HelpdeskApiException {
        public NotFound(String message) {
            super(message, null);
        }
    }

    /** Another 4xx: the provider refused the request; retrying the same request will not help. */
    public static final class Rejected extends HelpdeskApiException {
        private final int status;
        private final String providerMessage;

        public Rejected(int status, String providerMessage) {
            super("rejected with " + status + ": " + providerMessage, null);
            this.status = status;
            this.providerMessage = providerMessage;
        }

        public int status() {
            return status;
        }

        public String providerMessage() {
            return providerMessage;
        }
    }

    /** 5xx, timeouts, connection failures: worth retrying later. */
    public static final class Unavailable extends HelpdeskApiException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
