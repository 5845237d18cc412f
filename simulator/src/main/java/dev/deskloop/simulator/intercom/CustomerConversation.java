package dev.deskloop.simulator.intercom;

import java.util.List;

/** A conversation as a customer starts it in the Messenger, through the control API or page. */
public record CustomerConversation(String subject, String body, String contactName, String contactEmail, List<String> tags) {

    public CustomerConversation {
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (contactEmail == null || contactEmail.isBlank()) {
            contactEmail = "casey@example.com";
        }
        if (contactName == null || contactName.isBlank()) {
            contactName = contactEmail.substring(0, Math.max(1, contactEmail.indexOf('@')));
        }
        subject = subject == null ? "" : subject;
    }

    public static CustomerConversation of(String subject, String body) {
        return new CustomerConversation(subject, body, "Casey Customer", "casey@example.com", List.of());
    }
}
