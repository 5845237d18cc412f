package dev.deskloop.helpdesk;

import java.time.Instant;
import java.util.List;

/**
 * One message of a ticket: who wrote it (customer, agent or bot, and the provider's author id), whether the
 * customer can see it, the body as the provider gives it (HTML or text), whether our own app wrote it, and the
 * metadata of its attachments (at most {@link HelpdeskAttachment#MAX_PER_MESSAGE}).
 */
public record HelpdeskMessage(String id, Author author, String authorId, boolean isPublic, String body,
                              Instant createdAt, boolean writtenByApp, List<HelpdeskAttachment> attachments) {

    public enum Author { CUSTOMER, AGENT, BOT }

    public HelpdeskMessage {
        attachments = attachments == null ? List.of()
                : List.copyOf(attachments.subList(0, Math.min(attachments.size(), HelpdeskAttachment.MAX_PER_MESSAGE)));
    }

    /** A message without attachments. */
    public HelpdeskMessage(String id, Author author, String authorId, boolean isPublic, String body, Instant createdAt,
                           boolean writtenByApp) {
        this(id, author, authorId, isPublic, body, createdAt, writtenByApp, List.of());
    }
}
