package dev.deskloop.helpdesk.zendesk;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Writes into Zendesk tickets: every write is {@code PUT /api/v2/tickets/{id}.json}. Comments always name
 * {@code public} explicitly (Zendesk otherwise keeps the first value for later API comments). Markers are looked for
 * among the ticket's comments, newest first.
 */
final class ZendeskWriter implements HelpdeskWriter {

    private final ZendeskSettings settings;
    private final ProviderHttp http;
    private final ZendeskClient reads;

    ZendeskWriter(ZendeskSettings settings, ProviderHttp http, ZendeskClient reads) {
        this.settings = settings;
        this.http = http;
        this.reads = reads;
    }

    @Override
    public String post(WriteTarget target, String accessToken, HelpdeskWrite write) {
        Map<String, Object> ticket = switch (write) {
            case HelpdeskWrite.InternalNote note -> Map.of("comment", comment(note.html(), false));
            case HelpdeskWrite.PublicReply reply -> Map.of("comment", comment(reply.html(), true));
            case HelpdeskWrite.FieldUpdate update -> Map.of("custom_fields", customFields(update));
        };
        String ticketId = ticketId(target);
        JsonNode response = ProviderHttp.call("updating a Zendesk ticket", () -> http.client().put()
                .uri(URI.create(settings.base(target.account()) + "/api/v2/tickets/" + ticketId + ".json"))
                .headers(h -> h.setBearerAuth(accessToken))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(Map.of("ticket", ticket))
                .retrieve()
                .body(JsonNode.class));
        if (response == null) {
            throw new HelpdeskApiException.Unavailable("Zendesk answered the ticket update with an empty body", null);
        }
        JsonNode audit = response.path("audit");
        for (JsonNode event : audit.path("events")) {
            if ("Comment".equals(event.path("type").asString("")) && !event.path("id").isMissingNode()) {
                return event.path("id").asString();
            }
        }
        return audit.path("id").isMissingNode() ? ticketId : "audit " + audit.path("id").asString();
    }

    @Override
    public Optional<String> findMarker(WriteTarget target, String accessToken, String marker) {
        String base = settings.base(target.account());
        String next = base + "/api/v2/tickets/" + ticketId(target) + "/comments.json?sort_order=desc&page%5Bsize%5D=100";
        for (int page = 0; page < ZendeskClient.MAX_PAGES && next != null; page++) {
            JsonNode comments = reads.get("reading Zendesk comments", accessToken, next);
            for (JsonNode c : comments.path("comments")) {
                if (c.path("html_body").asString("").contains(marker) || c.path("body").asString("").contains(marker)) {
                    return Optional.of(c.path("id").asString());
                }
            }
            boolean more = comments.path("meta").path("has_more").asBoolean(false);
            String link = comments.path("links").path("next").asString("");
            next = more && !link.isBlank() && link.startsWith(base) ? link : null;
        }
        return Optional.empty();
    }

    private static Map<String, Object> comment(String html, boolean isPublic) {
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("html_body", html);
        comment.put("public", isPublic);
        return comment;
    }

    private static List<Map<String, Object>> customFields(HelpdeskWrite.FieldUpdate update) {
        List<Map<String, Object>> fields = new ArrayList<>();
        update.values().forEach((id, value) -> {
            if (!id.matches("[0-9]{1,20}")) {
                throw new HelpdeskApiException.Rejected(400, "Zendesk custom field ids are numbers, not '" + id + "'");
            }
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("id", Long.parseLong(id));
            field.put("value", value);
            fields.add(field);
        });
        return fields;
    }

    private static String ticketId(WriteTarget target) {
        String id = target.ticketExternalId();
        if (id == null || !id.matches("[0-9]{1,20}")) {
            throw new HelpdeskApiException.Rejected(400, "not a Zendesk ticket id: " + id);
        }
        return id;
    }
}
