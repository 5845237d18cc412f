package dev.deskloop.triage;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A support ticket as the triage engine sees it: a Zendesk ticket or an Intercom conversation, normalised to the
 * fields of the triage contract (PRODUCT.md, F4).
 *
 * @param id the desk's identifier, may be null
 * @param source the desk it came from
 * @param subject the subject line, may be null (Intercom conversations often have none)
 * @param createdAt when the ticket was opened; time expressions in the text are read relative to it
 * @param requester who opened it
 * @param tags the desk's tags, never null
 * @param messages the messages in the order they were written, never null
 */
public record TicketDocument(String id, Source source, String subject, Instant createdAt, Requester requester,
                             List<String> tags, List<TicketMessage> messages) {

    /** The support desk a ticket came from. */
    public enum Source {
        ZENDESK, INTERCOM, OTHER;

        /** The lower-case name used on the wire. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a wire name; throws {@link IllegalArgumentException} otherwise. */
        public static Source fromWireName(String value) {
            for (Source source : values()) {
                if (source.wireName().equals(value)) {
                    return source;
                }
            }
            throw new IllegalArgumentException("unknown source '" + value + "' (expected zendesk, intercom or other)");
        }
    }

    public TicketDocument {
        Objects.requireNonNull(createdAt, "createdAt");
        source = source == null ? Source.OTHER : source;
        requester = requester == null ? Requester.unknown() : requester;
        tags = tags == null ? List.of() : List.copyOf(tags);
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
