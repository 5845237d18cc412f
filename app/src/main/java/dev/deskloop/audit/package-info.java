/**
 * The append-only audit log of everything that happens in a workspace: who did what to which target, when.
 * Depends only on {@code platform}; other modules call {@link dev.deskloop.audit.AuditLog#record}, or
 * {@link dev.deskloop.audit.RateLimitedAudit#record} for events that anyone outside can trigger again and again.
 */
package dev.deskloop.audit;
