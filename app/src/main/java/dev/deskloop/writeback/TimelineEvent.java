package dev.deskloop.writeback;

import java.time.Instant;
import java.util.UUID;

/** Something that happened to a ticket after triage: a note posted, an analysis, a failed write. */
public record TimelineEvent(UUID id, UUID ticketId, Instant at, String kind, String text) {
}
