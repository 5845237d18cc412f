package dev.deskloop.audit;

import java.util.List;

/** One page of audit events, newest first, with the total number of matching events. */
public record AuditPage(List<AuditEvent> events, int page, int size, long total) {

    public int totalPages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public boolean hasPrevious() {
        return page > 0;
    }
}
