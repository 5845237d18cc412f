package dev.deskloop.ingest;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import dev.deskloop.helpdesk.ProviderId;

/**
 * The deliveries one connection had refused with one outcome: how many, the first and last time, and the last
 * reason (text a sender controls in part, cut to {@value RefusedDeliveries#REASON_LENGTH} characters).
 */
public record RefusedDelivery(UUID connectionId, ProviderId provider, Outcome outcome, long count, Instant firstAt,
                              Instant lastAt, String lastReason) {

    /**
     * {@code rejected}: the signature did not verify (401) or the delivery named another account; {@code malformed}:
     * the body is not a readable event (400, 415); {@code dropped}: the connection is disconnected (410).
     */
    public enum Outcome {
        REJECTED, MALFORMED, DROPPED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Outcome fromWireName(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
