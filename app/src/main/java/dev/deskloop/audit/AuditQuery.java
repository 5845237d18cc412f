package dev.deskloop.audit;

import java.time.Instant;

import dev.deskloop.platform.InvalidInput;

/**
 * Filters and paging for reading the audit log; null filters match everything. Pages count from 0.
 */
public record AuditQuery(String actor, String action, Instant from, Instant to, int page, int size) {

    public static final int MAX_SIZE = 200;

    public AuditQuery {
        actor = blankToNull(actor);
        action = blankToNull(action);
        if (page < 0) {
            throw new InvalidInput("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInput("size", "must be between 1 and " + MAX_SIZE);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidInput("from", "must not be after to");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
