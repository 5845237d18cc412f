package dev.deskloop.tickets;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import dev.deskloop.triage.Triage;

/**
 * One stored triage of a ticket: which version, what the engine said, which engine, how long it took, and the zone it
 * read the ticket's local times in ({@code zone}; null for triages stored before the zone was recorded).
 */
public record TriageRecord(UUID id, UUID ticketId, int version, int messageCount, Triage triage, String engine,
                           long durationMillis, Instant createdAt, ZoneId zone) {
}
