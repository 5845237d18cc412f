package dev.deskloop.helpdesk;

import java.time.Instant;
import java.util.List;

/** A ticket or conversation as read from the provider, in neutral form. Messages are oldest first. */
public record HelpdeskTicket(String externalId, String subject, String status, String priority, Instant createdAt,
                             Instant updatedAt, String requesterName, String requesterEmail, List<String> tags,
                             String teamId, List<HelpdeskMessage> messages) {

    public HelpdeskTicket {
        tags = tags == null ? List.of() : List.copyOf(tags);
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    public long customerMessages() {
        return messages.stream().filter(m -> m.author() == HelpdeskMessage.Author.CUSTOMER).count();
    }
}
