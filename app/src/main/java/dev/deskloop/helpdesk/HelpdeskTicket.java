package dev.deskloop.helpdesk;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A ticket or conversation as read from the provider, in neutral form. Messages are oldest first.
 * {@code requesterZone} is the requester's own time zone where the provider keeps one (Zendesk users), else null.
 */
public record HelpdeskTicket(String externalId, String subject, String status, String priority, Instant createdAt,
                             Instant updatedAt, String requesterName, String requesterEmail, List<String> tags,
                             String teamId, List<HelpdeskMessage> messages, ZoneId requesterZone) {

    public HelpdeskTicket {
        tags = tags == null ? List.of() : List.copyOf(tags);
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    public long customerMessages() {
        return messages.stream().filter(m -> m.author() == HelpdeskMessage.Author.CUSTOMER).count();
    }
}
