package dev.deskloop.bug;

import java.time.Instant;
import java.util.UUID;

/**
 * A ticket linked to a bug: how it got there ({@code auto}, {@code merged}, {@code split}), with which similarity
 * (null for the ticket that opened the bug), and who asked (the affected customer).
 */
public record LinkedTicket(UUID bugId, UUID ticketId, UUID connectionId, String provider, String externalId,
                           String subject, String requesterName, String requesterEmail, Double similarity, String how,
                           Instant linkedAt) {
}
