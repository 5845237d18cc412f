package dev.deskloop.helpdesk;

/**
 * What a delivery means, in Deskloop's words. Providers translate their payloads into these; everything after
 * ingestion works only with them.
 */
public sealed interface HelpdeskEvent {

    /** Something happened to a ticket (Zendesk ticket, Intercom conversation). */
    record TicketActivity(String ticketId, Activity activity) implements HelpdeskEvent {
    }

    /** Nothing to do (a ping, a topic Deskloop does not use), with the reason. */
    record Ignored(String reason) implements HelpdeskEvent {
    }

    enum Activity {
        /** A new ticket or conversation. */
        CREATED,
        /** A message was added; who wrote it is read from the ticket itself. */
        MESSAGE_ADDED,
        /** An agent or app wrote or changed something (Intercom admin topics): never a reason to triage. */
        AGENT_ACTIVITY
    }
}
