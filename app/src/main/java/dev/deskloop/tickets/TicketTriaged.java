package dev.deskloop.tickets;

import java.util.UUID;

import dev.deskloop.helpdesk.ProviderId;

/**
 * A ticket was triaged (version 1) or triaged again after a customer's new message. Published inside the
 * {@code triage-ticket} job's transaction, so listeners that enqueue work commit together with the result.
 * {@code previous} is the version before, or null.
 */
public record TicketTriaged(UUID workspaceId, UUID connectionId, ProviderId provider, StoredTicket ticket,
                            TriageRecord triage, TriageRecord previous) {
}
