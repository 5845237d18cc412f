package dev.deskloop.helpdesk.intercom;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.helpdesk.HelpdeskWrite;
import dev.deskloop.helpdesk.HelpdeskWriter;
import dev.deskloop.helpdesk.WriteTarget;
import dev.deskloop.helpdesk.http.ProviderHttp;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Writes into Intercom conversations: notes and replies as the connection's admin through
 * {@code POST /conversations/{id}/reply}, attributes through {@code PUT /conversations/{id}}. Markers are looked for
 * among the conversation's parts.
 */
final class IntercomWriter implements HelpdeskWriter {

    private final IntercomSettings settings;
    private final ProviderHttp http;
    private final IntercomClient reads;

    IntercomWriter(IntercomSettings settings, ProviderHttp http, IntercomClient reads) {
        this.settings = settings;
        this.http = http;
        this.reads = reads;
    }

    @Override
    public String post(WriteTarget target, String accessToken, HelpdeskWrite write) {
        String id = conversationId(target);
        return switch (write) {
            case HelpdeskWrite.InternalNote note -> reply(target, accessToken, id, "note", note.html());
            case HelpdeskWrite.PublicReply reply -> reply(target, accessToken, id, "comment", reply.html());
            case HelpdeskWrite.FieldUpdate update -> {
                send("PUT", accessToken, "/conversations/" + id, Map.of("custom_attributes", update.values()));
                yield id;
            }
        };
    }

    @Override
    public Optional<String> findMarker(WriteTarget target, String accessToken, String marker) {
        JsonNode conversation = reads.get(accessToken, "/conversations/" + conversationId(target));
        for (JsonNode part : conversation.path("conversation_parts").path("conversation_parts")) {
            if (part.path("body").asString("").contains(marker)) {
                return Optional.of(part.path("id").asString());
            }
        }
        return Optional.empty();
    }

    private String reply(WriteTarget target, String accessToken, String conversationId, String messageType,
                         String html) {
        if (target.actingUserId() == null || target.actingUserId().isBlank()) {
            throw new HelpdeskApiException.Rejected(400, "the connection has no Intercom admin to write as");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message_type", messageType);
        body.put("type", "admin");
        body.put("admin_id", target.actingUserId());
        body.put("body", html);
        JsonNode conversation = send("POST", accessToken, "/conversations/" + conversationId + "/reply", body);
        String partId = null;
        for (JsonNode part : conversation.path("conversation_parts").path("conversation_parts")) {
            if (messageType.equals(part.path("part_type").asString(""))
                    && target.actingUserId().equals(part.path("author").path("id").asString(""))) {
                partId = part.path("id").asString(); // the newest matching part is ours
            }
        }
        return partId != null ? partId : conversationId;
    }

    private JsonNode send(String method, String accessToken, String path, Object body) {
        JsonNode response = ProviderHttp.call("writing to an Intercom conversation", () ->
                (method.equals("PUT") ? http.client().put() : http.client().post())
                        .uri(settings.apiBaseUrl() + path)
                        .headers(settings.authorized(accessToken))
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .body(body)
                        .retrieve()
                        .body(JsonNode.class));
        if (response == null) {
            throw new HelpdeskApiException.Unavailable("Intercom answered " + path + " with an empty body", null);
        }
        return response;
    }

    private static String conversationId(WriteTarget target) {
        String id = target.ticketExternalId();
        if (id == null || !id.matches("[0-9A-Za-z_-]{1,64}")) {
            throw new HelpdeskApiException.Rejected(400, "not an Intercom conversation id: " + id);
        }
        return id;
    }
}
