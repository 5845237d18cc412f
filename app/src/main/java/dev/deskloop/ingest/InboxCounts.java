package dev.deskloop.ingest;

import java.util.Map;

/** How many stored deliveries a workspace has in each status, and how many duplicate deliveries arrived for them. */
public record InboxCounts(Map<InboxStatus, Long> byStatus, long duplicates) {

    public InboxCounts {
        byStatus = Map.copyOf(byStatus);
    }

    /** The number of deliveries in the status; zero when there are none. */
    public long of(InboxStatus status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
