package dev.deskloop.ingest;

import java.time.Instant;
import java.util.UUID;

import dev.deskloop.helpdesk.ProviderId;

/**
 * One stored webhook delivery and where its processing stands; {@code duplicates} counts the later deliveries of the
 * same event, which were answered and not stored again.
 */
public record InboxEntry(UUID id, UUID workspaceId, UUID connectionId, ProviderId provider, String eventId,
                        String topic, Instant receivedAt, InboxStatus status, int attempts, String lastError,
                        Instant nextAttemptAt, Instant processedAt, int duplicates, Instant lastDuplicateAt) {
}
