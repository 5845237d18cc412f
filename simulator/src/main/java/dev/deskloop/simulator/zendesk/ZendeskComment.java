package dev.deskloop.simulator.zendesk;

import dev.deskloop.simulator.Attachment;
import java.time.Instant;
import java.util.List;

/**
 * A ticket comment as stored by the simulator.
 *
 * @param isPublic       false for an internal note
 * @param throughApi     written through the REST API (by Deskloop), not by the customer
 * @param attachments    files attached to the comment (metadata only)
 */
public record ZendeskComment(long id, long authorId, String body, String htmlBody, boolean isPublic, boolean throughApi,
                             Instant createdAt, List<Attachment> attachments) {

    public ZendeskComment {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
