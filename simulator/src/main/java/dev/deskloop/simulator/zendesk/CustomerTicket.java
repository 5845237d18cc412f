package dev.deskloop.simulator.zendesk;

import java.util.List;

/**
 * A ticket as a customer submits it through the simulator's control API or page.
 *
 * @param requesterName  the customer's name; a new end user is created per distinct email
 * @param requesterEmail the customer's email
 */
public record CustomerTicket(String subject, String body, String requesterName, String requesterEmail, List<String> tags) {

    public CustomerTicket {
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (requesterEmail == null || requesterEmail.isBlank()) {
            requesterEmail = "customer@example.com";
        }
        if (requesterName == null || requesterName.isBlank()) {
            requesterName = requesterEmail.substring(0, Math.max(1, requesterEmail.indexOf('@')));
        }
    }

    public static CustomerTicket of(String subject, String body) {
        return new CustomerTicket(subject, body, "Casey Customer", "casey@example.com", List.of());
    }
}
