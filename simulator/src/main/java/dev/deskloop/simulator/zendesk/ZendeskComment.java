package dev.deskloop.simulator.zendesk;

import java.time.Instant;

/**
 * A ticket comment as stored by the simulator.
 *
 * @param isPublic       false for an internal note
 * @param throughApi     written through the REST API (by Deskloop), not by the customer
 */
public record ZendeskComment(long id, long authorId, String body, String htmlBody, boolean isPublic, boolean throughApi,
                             Instant createdAt) {
}
