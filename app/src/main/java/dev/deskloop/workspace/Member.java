package dev.deskloop.workspace;

import java.time.Instant;
import java.util.UUID;

/** A person's membership of a workspace. */
public record Member(UUID userId, String email, String displayName, Role role, Instant since) {
}
