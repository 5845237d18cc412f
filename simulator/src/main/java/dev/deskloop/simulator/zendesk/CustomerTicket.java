package dev.deskloop.simulator.zendesk;

import dev.deskloop.simulator.Attachment;
import java.util.List;

/**
 * A ticket as a customer submits it through the simulator's control API or page.
 *
 * @param requesterName  the customer's name; a new end user is created per distinct email
 * @param requesterEmail the customer's email
 * @param attachments    files attached to the first comment (metadata only)
 * @param requesterZone  the IANA time zone of the requester's user record (null: Etc/UTC, or the zone an existing
 *                       user with this email already has)
 */
public record CustomerTicket(String subject, String body, String requesterName, String requesterEmail, List<String> tags,
                             List<Attachment> attachments, String requesterZone) {

    public CustomerTicket {
        tags = tags == null ? List.of() : List.copyOf(tags);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        if (requesterEmail == null || requesterEmail.isBlank()) {
            requesterEmail = "customer@example.com";
        }
        if (requesterName == null || requesterName.isBlank()) {
            requesterName = requesterEmail.substring(0, Math.max(1, requesterEmail.indexOf('@')));
        }
    }

    public CustomerTicket(String subject, String body, String requesterName, String requesterEmail, List<String> tags) {
        this(subject, body, requesterName, requesterEmail, tags, List.of(), null);
    }

    public CustomerTicket withAttachments(List<Attachment> files) {
        return new CustomerTicket(subject, body, requesterName, requesterEmail, tags, files, requesterZone);
    }

    public CustomerTicket withRequesterZone(String zone) {
        return new CustomerTicket(subject, body, requesterName, requesterEmail, tags, attachments, zone);
    }

    public static CustomerTicket of(String subject, String body) {
        return new CustomerTicket(subject, body, "Casey Customer", "casey@example.com", List.of());
    }
}
