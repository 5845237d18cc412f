package dev.deskloop.tickets;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import dev.deskloop.helpdesk.ProviderId;

/**
 * A ticket as Deskloop keeps it: identity, the fields shown in lists, the requester's time zone where the desk keeps
 * one, and its latest triage (if any).
 */
public record StoredTicket(UUID id, UUID workspaceId, UUID connectionId, ProviderId provider, String externalId,
                           String subject, String status, String priority, String requesterName,
                           String requesterEmail, ZoneId requesterZone, List<String> tags, int messageCount, Instant openedAt,
                           Instant fetchedAt, TriageRecord latestTriage) {
}
