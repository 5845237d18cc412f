package dev.deskloop.workspace;

import java.time.Instant;
import java.util.UUID;

/**
 * A personal API token as listed: never the secret itself, only its first characters to recognise it by.
 */
public record ApiToken(UUID id, UUID workspaceId, UUID userId, String ownerEmail, String name, String prefix,
                       Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
