package dev.deskloop.simulator.intercom;

import dev.deskloop.simulator.Attachment;
import java.util.List;

/**
 * A conversation as a customer starts it in the Messenger, through the control API or page; {@code attachments} are
 * the files attached to its first message (metadata only).
 */
public record CustomerConversation(String subject, String body, String contactName, String contactEmail, List<String> tags,
                                   List<Attachment> attachments) {

    public CustomerConversation {
        tags = tags == null ? List.of() : List.copyOf(tags);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        if (contactEmail == null || contactEmail.isBlank()) {
            contactEmail = "casey@example.com";
        }
        if (contactName == null || contactName.isBlank()) {
            contactName = contactEmail.substring(0, Math.max(1, contactEmail.indexOf('@')));
        }
        subject = subject == null ? "" : subject;
    }

    public CustomerConversation(String subject, String body, String contactName, String contactEmail, List<String> tags) {
        this(subject, body, contactName, contactEmail, tags, List.of());
    }

    public CustomerConversation withAttachments(List<Attachment> files) {
        return new CustomerConversation(subject, body, contactName, contactEmail, tags, files);
    }

    public static CustomerConversation of(String subject, String body) {
        return new CustomerConversation(subject, body, "Casey Customer", "casey@example.com", List.of());
    }
}
