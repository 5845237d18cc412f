package dev.deskloop.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the audit log. {@code workspaceId} is null for events that belong to no workspace
 * (for example a failed sign-in for an unknown address).
 */
public record AuditEvent(long id, UUID workspaceId, Instant occurredAt, String actor, String action,
                         String target, String details) {
}
