package dev.deskloop.writeback;

import java.time.Instant;
import java.util.UUID;

/** One outbox row as shown: what was to be written, where it stands, and what the provider answered. */
public record OutboxEntry(UUID id, UUID workspaceId, UUID connectionId, UUID ticketId, String purpose,
                          String idempotencyKey, OutboxStatus status, int attempts, String lastError,
                          String providerRef, Instant createdAt, Instant sentAt, Instant nextAttemptAt) {

    /** The marker every note and reply of this row carries, so that a write that happened is never repeated. */
    public String marker() {
        return Outbox.marker(id);
    }
}
