package dev.deskloop.ingest;

import java.util.UUID;

import dev.deskloop.helpdesk.HelpdeskEvent;
import dev.deskloop.helpdesk.HelpdeskTicket;
import dev.deskloop.helpdesk.ProviderId;

/**
 * A delivery was processed and its ticket read from the provider. Published inside the processing transaction;
 * listeners store the ticket and schedule its triage.
 */
public record TicketFetched(UUID workspaceId, UUID connectionId, ProviderId provider, HelpdeskTicket ticket,
                            HelpdeskEvent.Activity activity) {
}
