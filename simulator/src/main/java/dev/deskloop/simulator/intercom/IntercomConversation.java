package dev.deskloop.simulator.intercom;

import dev.deskloop.simulator.Attachment;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of one simulated conversation with every part and custom attribute written to it;
 * {@code sourceAttachments} are the files attached to the customer's first message.
 */
public record IntercomConversation(String id, String title, String state, String contactId, String sourceBody,
                                   List<String> tags, Map<String, String> customAttributes, List<IntercomPart> parts,
                                   Instant createdAt, Instant updatedAt, List<Attachment> sourceAttachments) {

    public IntercomConversation {
        sourceAttachments = sourceAttachments == null ? List.of() : List.copyOf(sourceAttachments);
        tags = List.copyOf(tags);
        customAttributes = Map.copyOf(customAttributes);
        parts = List.copyOf(parts);
    }

    /** Parts written through the API, i.e. by Deskloop. */
    public List<IntercomPart> writtenThroughApi() {
        return parts.stream().filter(p -> p.appPackageCode() != null).toList();
    }

    public List<IntercomPart> notes() {
        return parts.stream().filter(IntercomPart::isNote).toList();
    }
}
