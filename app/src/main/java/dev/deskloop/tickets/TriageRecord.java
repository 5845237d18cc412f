package dev.deskloop.tickets;

import java.time.Instant;
import java.util.UUID;

import dev.deskloop.triage.Triage;

/** One stored triage of a ticket: which version, what the engine said, which engine, and how long it took. */
public record TriageRecord(UUID id, UUID ticketId, int version, int messageCount, Triage triage, String engine,
                           long durationMillis, Instant createdAt) {
}
