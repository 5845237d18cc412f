package dev.deskloop.ingest;

import java.util.UUID;

/**
 * What the latest triage of a ticket has read, so that a new message can be told apart from one already triaged.
 * Implemented where tickets are stored; ingestion asks it before handing a fetched ticket on.
 */
public interface TriagedContent {

    /** How many of the ticket's customer messages its latest triage read; 0 when the ticket was never triaged. */
    long customerMessagesTriaged(UUID connectionId, String externalId);
}
