package dev.deskloop.ingest;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@code received}: stored, waiting to be claimed; {@code claimed}: being processed by an instance, whose claim lapses
 * after a few minutes if it dies; {@code held}: kept until the connection is resumed or repaired;
 * {@code processing}: failed at least once and will be retried; {@code done}; {@code ignored}: nothing to do (echo,
 * out of scope, unused topic); {@code dead}: gave up after the last attempt, waiting for a person to retry it.
 */
public enum InboxStatus {
    RECEIVED, CLAIMED, HELD, PROCESSING, DONE, IGNORED, DEAD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static InboxStatus fromWireName(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst().orElseThrow();
    }
}
