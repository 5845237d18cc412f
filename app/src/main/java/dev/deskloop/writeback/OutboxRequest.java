package dev.deskloop.writeback;

import java.util.Objects;
import java.util.UUID;

import dev.deskloop.helpdesk.HelpdeskWrite;

/**
 * One write to enqueue: into which ticket of which connection, why ({@code purpose}, e.g. {@code triage_note},
 * {@code public_reply}, {@code rca_reply}), under which idempotency key (a second request with the same key is
 * ignored), and what to write.
 */
public record OutboxRequest(UUID workspaceId, UUID connectionId, UUID ticketId, String purpose, String idempotencyKey,
                            HelpdeskWrite write) {

    public OutboxRequest {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(write, "write");
        if (purpose.isBlank() || purpose.length() > 64) {
            throw new IllegalArgumentException("purpose must be 1 to 64 characters");
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 300) {
            throw new IllegalArgumentException("idempotencyKey must be 1 to 300 characters");
        }
    }
}
