package dev.deskloop.bug;

import java.time.Instant;
import java.util.UUID;

/**
 * One engineering problem, as listed: its linked tickets counted, and the distinct requester addresses among them
 * as the customers affected.
 */
public record Bug(UUID id, UUID workspaceId, String title, String affectedService, BugStatus status, String rcaText,
                  String changeUrl, Instant createdAt, Instant shippedAt, int ticketCount, int customersAffected) {

    public boolean shipped() {
        return status == BugStatus.FIX_SHIPPED;
    }
}
