package dev.deskloop.simulator.intercom;

import dev.deskloop.simulator.Attachment;
import java.time.Instant;
import java.util.List;

/**
 * One conversation part as stored by the simulator.
 *
 * @param partType       {@code comment} or {@code note}
 * @param authorType     {@code user} or {@code admin}
 * @param appPackageCode set when written through the API by the app, null otherwise
 * @param attachments    files attached to the part (metadata only)
 */
public record IntercomPart(String id, String partType, String body, String authorType, String authorId, String appPackageCode,
                           Instant createdAt, List<Attachment> attachments) {

    public IntercomPart {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public boolean isNote() {
        return "note".equals(partType);
    }
}
