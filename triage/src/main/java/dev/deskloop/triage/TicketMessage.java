package dev.deskloop.triage;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One comment of a Zendesk ticket or part of an Intercom conversation. The body may be plain text or HTML; the
 * engine normalises it.
 *
 * @param author who wrote it
 * @param isPublic whether the requester can see it (internal notes are not public)
 * @param body text or HTML, never null (an absent body is the empty string)
 * @param createdAt when it was written; may be null when the desk does not say
 */
public record TicketMessage(Author author, boolean isPublic, String body, Instant createdAt) {

    /** Who wrote a message. */
    public enum Author {
        CUSTOMER, AGENT, BOT;

        /** The lower-case name used on the wire. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a wire name; throws {@link IllegalArgumentException} otherwise. */
        public static Author fromWireName(String value) {
            for (Author author : values()) {
                if (author.wireName().equals(value)) {
                    return author;
                }
            }
            throw new IllegalArgumentException("unknown author '" + value + "' (expected customer, agent or bot)");
        }
    }

    public TicketMessage {
        Objects.requireNonNull(author, "author");
        body = body == null ? "" : body;
    }

    /** A public customer message, the common case in tests and tools. */
    public static TicketMessage fromCustomer(String body, Instant createdAt) {
        return new TicketMessage(Author.CUSTOMER, true, body, createdAt);
    }
}
