package dev.deskloop.workspace;

import java.time.Instant;
import java.util.UUID;

/** One tenant of Deskloop: a team with members and, later, one support-desk connection. */
public record Workspace(UUID id, String name, Instant createdAt) {
}
