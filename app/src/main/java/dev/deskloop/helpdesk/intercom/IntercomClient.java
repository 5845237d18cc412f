package dev.deskloop.helpdesk.intercom;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.helpdesk.HelpdeskAttachment;
import dev.deskloop.helpdesk.HelpdeskClient;
import dev.deskloop.helpdesk.HelpdeskMessage;
import dev.deskloop.helpdesk.HelpdeskTicket;
import dev.deskloop.helpdesk.http.ProviderHttp;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Reads an Intercom conversation (its first message and its parts) and the contact who started it. Parts with an
 * {@code app_package_code} were written through the API by an app: our own notes and replies. A part without text
 * is kept when it has attachments (their metadata only).
 */
final class IntercomClient implements HelpdeskClient {

    private final IntercomSettings settings;
    private final ProviderHttp http;

    IntercomClient(IntercomSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public HelpdeskTicket fetch(String account, String accessToken, String conversationId) {
        JsonNode conversation = get(accessToken, "/conversations/" + conversationId);
        List<HelpdeskMessage> messages = new ArrayList<>();
        JsonNode source = conversation.path("source");
        List<HelpdeskAttachment> sourceFiles = attachments(source.path("attachments"));
        if (source.isObject() && (!source.path("body").asString("").isBlank() || !sourceFiles.isEmpty())) {
            messages.add(new HelpdeskMessage(source.path("id").asString(""), author(source.path("author")),
                    source.path("author").path("id").asString(""), true, source.path("body").asString(""),
                    seconds(conversation.path("created_at")), false, sourceFiles));
        }
        for (JsonNode part : conversation.path("conversation_parts").path("conversation_parts")) {
            String type = part.path("part_type").asString("");
            String body = part.path("body").asString("");
            if (!(type.equals("comment") || type.equals("note") || type.equals("open")
                    || type.equals("close") || type.equals("quick_reply"))) {
                continue;
            }
            List<HelpdeskAttachment> files = attachments(part.path("attachments"));
            if (body.isBlank() && files.isEmpty()) {
                continue;
            }
            messages.add(new HelpdeskMessage(part.path("id").asString(""), author(part.path("author")),
                    part.path("author").path("id").asString(""), !type.equals("note"), body,
                    seconds(part.path("created_at")), !part.path("app_package_code").isNull()
                    && !part.path("app_package_code").asString("").isBlank(), files));
        }
        String name = null;
        String email = null;
        JsonNode contacts = conversation.path("contacts").path("contacts");
        if (contacts.isArray() && !contacts.isEmpty()) {
            String contactId = contacts.get(0).path("id").asString("");
            if (contactId.matches("[0-9A-Za-z_-]{1,64}")) {
                JsonNode contact = get(accessToken, "/contacts/" + contactId);
                name = text(contact.path("name"));
                email = text(contact.path("email"));
            }
        }
        List<String> tags = new ArrayList<>();
        conversation.path("tags").path("tags").forEach(t -> tags.add(t.path("name").asString("")));
        String subject = text(conversation.path("title"));
        if (subject == null) {
            subject = text(source.path("subject"));
        }
        return new HelpdeskTicket(conversationId, subject, text(conversation.path("state")),
                text(conversation.path("priority")), seconds(conversation.path("created_at")),
                seconds(conversation.path("updated_at")), name, email, tags,
                text(conversation.path("team_assignee_id")), messages, null);
    }

    /** The {@code attachments} of a part or first message: {@code name, content_type, filesize, url}. */
    private static List<HelpdeskAttachment> attachments(JsonNode list) {
        if (!list.isArray()) {
            return List.of();
        }
        return HelpdeskAttachment.firstOf(list, a -> {
            if (!a.isObject()) {
                return Optional.empty();
            }
            JsonNode size = a.path("filesize");
            return HelpdeskAttachment.of(string(a.path("name")), string(a.path("content_type")),
                    size.isIntegralNumber() && size.canConvertToLong() ? size.asLong() : null, string(a.path("url")));
        });
    }

    private static String string(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }

    /**
     * Reads {@code path} for this client and for {@link IntercomWriter}'s marker search: errors are mapped by
     * {@link ProviderHttp}, and an empty body, which the API never sends on purpose, is taken as a
     * failure worth retrying (a write whose marker search meets it is tried again, not dead-lettered).
     */
    JsonNode get(String accessToken, String path) {
        JsonNode body = ProviderHttp.call("reading an Intercom conversation", () -> http.client().get()
                .uri(settings.apiBaseUrl() + path)
                .headers(settings.authorized(accessToken))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class));
        if (body == null) {
            throw new HelpdeskApiException.Unavailable("Intercom answered with an empty body", null);
        }
        return body;
    }

    private static HelpdeskMessage.Author author(JsonNode author) {
        return switch (author.path("type").asString("")) {
            case "user", "lead", "contact" -> HelpdeskMessage.Author.CUSTOMER;
            case "bot" -> HelpdeskMessage.Author.BOT;
            default -> HelpdeskMessage.Author.AGENT;
        };
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asString("").isBlank() ? null : node.asString();
    }

    private static Instant seconds(JsonNode node) {
        return node.isNumber() ? Instant.ofEpochSecond(node.asLong()) : null;
    }
}
