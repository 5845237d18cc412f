package dev.deskloop.simulator;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The metadata of a file attached to a Zendesk comment or an Intercom conversation part. The simulator keeps no
 * file content: {@code url} is returned as given, or, when null, a provider-like URL is made up that is not served.
 *
 * @param name        the file name ({@code file_name} in Zendesk, {@code name} in Intercom)
 * @param contentType e.g. {@code image/png}; {@code application/octet-stream} when not given
 * @param size        bytes ({@code size} in Zendesk, {@code filesize} in Intercom); any value, so that clients can be
 *                    tested with absurd ones
 * @param url         where the file would be downloaded ({@code content_url} in Zendesk, {@code url} in Intercom)
 */
public record Attachment(String name, String contentType, long size, String url) {

    public Attachment {
        name = name == null || name.isBlank() ? "attachment" : name;
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
    }

    public static Attachment of(String name, String contentType, long size) {
        return new Attachment(name, contentType, size, null);
    }

    public Attachment withUrl(String newUrl) {
        return new Attachment(name, contentType, size, newUrl);
    }

    /**
     * Reads the control API's {@code attachments}: an array of {@code {"name" (or "file_name"), "content_type",
     * "size", "url"}} objects. Absent or null is no attachments.
     *
     * @throws IllegalArgumentException when it is not an array of such objects
     */
    public static List<Attachment> fromJson(JsonNode node) {
        List<Attachment> out = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("attachments must be an array");
        }
        for (JsonNode a : node) {
            if (!a.isObject()) {
                throw new IllegalArgumentException("each attachment must be an object");
            }
            JsonNode size = a.path("size");
            if (!size.isMissingNode() && !size.isNull() && !(size.isIntegralNumber() && size.canConvertToLong())) {
                throw new IllegalArgumentException("attachment size must be an integer");
            }
            String name = a.hasNonNull("name") ? a.get("name").asString("") : a.path("file_name").asString("");
            out.add(new Attachment(name, a.path("content_type").asString(""), size.asLong(0),
                a.hasNonNull("url") ? a.get("url").asString("") : null));
        }
        return out;
    }
}
