package dev.deskloop.writeback;

import java.util.Arrays;
import java.util.Locale;

import dev.deskloop.platform.InvalidInput;

/** Where triage results go: an internal note for agents, a public reply to the customer, or both. */
public enum PostingMode {
    INTERNAL, PUBLIC, BOTH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean internalNote() {
        return this != PUBLIC;
    }

    public boolean publicReply() {
        return this != INTERNAL;
    }

    public static PostingMode fromWireName(String value) {
        return Arrays.stream(values()).filter(m -> m.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInput("posting_mode", "must be internal, public or both"));
    }
}
