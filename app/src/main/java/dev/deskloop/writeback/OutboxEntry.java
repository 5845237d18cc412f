package dev.deskloop.writeback;

import java.time.Instant;
import java.util.UUID;

/**
 * One outbox row as shown: what was to be written, where it stands, and what the provider answered.
 *
 * @param attempts        attempts counted since the row was queued or last retried by a person (those that were
 *                        refused with 429 or held back by pacing are given back)
 * @param earlierAttempts attempts counted before a person retried the dead row: they too may have reached the provider
 */
public record OutboxEntry(UUID id, UUID workspaceId, UUID connectionId, UUID ticketId, String purpose,
                          String idempotencyKey, OutboxStatus status, int attempts, int earlierAttempts,
                          String lastError, String providerRef, Instant createdAt, Instant sentAt,
                          Instant nextAttemptAt) {

    /**
     * Whether an attempt may have reached the provider before a crash, a timeout or a person's retry: then the write is
     * looked for (by its marker) before it is sent again.
     */
    public boolean mayHaveReachedProvider() {
        return attempts > 0 || earlierAttempts > 0;
    }

    /** The marker every note and reply of this row carries, so that a write that happened is never repeated. */
    public String marker() {
        return Outbox.marker(id);
    }
}
