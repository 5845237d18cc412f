package dev.deskloop.simulator.zendesk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of one simulated ticket with everything written to it: comments and notes in order,
 * custom field values (JSON text for non-string values) and tags.
 */
public record ZendeskTicket(String subdomain, long id, String subject, String description, String status, String priority,
                            long requesterId, List<String> tags, Map<Long, String> customFields,
                            List<ZendeskComment> comments, Instant createdAt, Instant updatedAt) {

    public ZendeskTicket {
        tags = List.copyOf(tags);
        customFields = Map.copyOf(customFields);
        comments = List.copyOf(comments);
    }

    /** Comments written through the API, i.e. by Deskloop. */
    public List<ZendeskComment> writtenThroughApi() {
        return comments.stream().filter(ZendeskComment::throughApi).toList();
    }

    public List<ZendeskComment> internalNotes() {
        return comments.stream().filter(c -> !c.isPublic()).toList();
    }
}
