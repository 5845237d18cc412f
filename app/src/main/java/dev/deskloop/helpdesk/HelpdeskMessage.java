package dev.deskloop.helpdesk;

import java.time.Instant;

/**
 * One message of a ticket: who wrote it (customer, agent or bot, and the provider's author id), whether the
 * customer can see it, the body as the provider gives it (HTML or text), and whether our own app wrote it.
 */
public record HelpdeskMessage(String id, Author author, String authorId, boolean isPublic, String body,
                              Instant createdAt, boolean writtenByApp) {

    public enum Author { CUSTOMER, AGENT, BOT }
}
