package dev.deskloop.helpdesk.zendesk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.helpdesk.HelpdeskAttachment;
import dev.deskloop.helpdesk.HelpdeskClient;
import dev.deskloop.helpdesk.HelpdeskMessage;
import dev.deskloop.helpdesk.HelpdeskTicket;
import dev.deskloop.helpdesk.http.ProviderHttp;
import dev.deskloop.platform.TimeZones;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Zendesk ticket with its requester ({@code include=users}) and every comment (cursor pages of 100, at most
 * {@link #MAX_PAGES}); comments by end users are the customer's, the others the agents'. Each comment's attachment
 * metadata is kept, never the files. The requester's {@code iana_time_zone} is kept when it names a known zone.
 */
final class ZendeskClient implements HelpdeskClient {

    static final int MAX_PAGES = 20;
    private static final String READING_TICKET = "reading a Zendesk ticket";

    private final ZendeskSettings settings;
    private final ProviderHttp http;

    ZendeskClient(ZendeskSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public HelpdeskTicket fetch(String account, String accessToken, String ticketId) {
        String base = settings.base(account);
        JsonNode shown = get(READING_TICKET, accessToken, base + "/api/v2/tickets/" + ticketId + ".json?include=users");
        JsonNode ticket = shown.path("ticket");
        if (!ticket.isObject()) {
            throw new HelpdeskApiException.Rejected(200, "Zendesk answered without a ticket");
        }
        Map<String, JsonNode> users = new HashMap<>();
        shown.path("users").forEach(u -> users.put(u.path("id").asString(""), u));
        String requesterId = ticket.path("requester_id").asString("");

        List<HelpdeskMessage> messages = new ArrayList<>();
        String next = base + "/api/v2/tickets/" + ticketId + "/comments.json?include=users&page%5Bsize%5D=100";
        for (int page = 0; page < MAX_PAGES && next != null; page++) {
            JsonNode comments = get(READING_TICKET, accessToken, next);
            comments.path("users").forEach(u -> users.putIfAbsent(u.path("id").asString(""), u));
            for (JsonNode c : comments.path("comments")) {
                String authorId = c.path("author_id").asString("");
                JsonNode author = users.get(authorId);
                boolean customer = authorId.equals(requesterId)
                        || (author != null && "end-user".equals(author.path("role").asString("")));
                String body = c.path("html_body").asString("");
                if (body.isBlank()) {
                    body = c.path("body").asString("");
                }
                messages.add(new HelpdeskMessage(c.path("id").asString(""),
                        customer ? HelpdeskMessage.Author.CUSTOMER : HelpdeskMessage.Author.AGENT, authorId,
                        c.path("public").asBoolean(true), body, instant(c.path("created_at")), false,
                        attachments(c.path("attachments"))));
            }
            boolean more = comments.path("meta").path("has_more").asBoolean(false);
            String link = comments.path("links").path("next").asString("");
            next = more && !link.isBlank() ? link : comments.path("next_page").isString()
                    ? comments.path("next_page").asString() : null;
            if (next != null && !next.startsWith(base)) {
                next = null; // never follow a link to another host with our token
            }
        }
        JsonNode requester = users.get(requesterId);
        List<String> tags = new ArrayList<>();
        ticket.path("tags").forEach(t -> tags.add(t.asString("")));
        return new HelpdeskTicket(ticketId, text(ticket.path("subject")), text(ticket.path("status")),
                text(ticket.path("priority")), instant(ticket.path("created_at")), instant(ticket.path("updated_at")),
                requester == null ? null : text(requester.path("name")),
                requester == null ? null : text(requester.path("email")), tags,
                text(ticket.path("group_id")), messages,
                requester == null ? null : TimeZones.parse(requester.path("iana_time_zone").asString("")).orElse(null));
    }

    /**
     * A comment's {@code attachments}: {@code file_name}, {@code content_type}, {@code size} and {@code content_url}
     * (which may be on another host; it is only linked, never fetched with our token). Deleted files are skipped; a
     * file flagged as malware keeps its name but loses its link.
     */
    private static List<HelpdeskAttachment> attachments(JsonNode list) {
        if (!list.isArray()) {
            return List.of();
        }
        return HelpdeskAttachment.firstOf(list, a -> {
            if (!a.isObject() || a.path("deleted").asBoolean(false)) {
                return Optional.empty();
            }
            boolean malware = "malware_found".equals(string(a.path("malware_scan_result")))
                    && !a.path("malware_access_override").asBoolean(false);
            return HelpdeskAttachment.of(string(a.path("file_name")), string(a.path("content_type")),
                    size(a.path("size")), malware ? null : string(a.path("content_url")));
        });
    }

    private static String string(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }

    private static Long size(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong() ? node.asLong() : null;
    }

    /**
     * Reads {@code url} for this client and for {@link ZendeskWriter}'s marker search: errors are mapped by
     * {@link ProviderHttp}, and an empty body, which the API never sends on purpose, is taken as a
     * failure worth retrying (a write whose marker search meets it is tried again, not dead-lettered).
     */
    JsonNode get(String what, String accessToken, String url) {
        JsonNode body = ProviderHttp.call(what, () -> http.client().get()
                .uri(java.net.URI.create(url))
                .headers(h -> h.setBearerAuth(accessToken))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class));
        if (body == null) {
            throw new HelpdeskApiException.Unavailable("Zendesk answered with an empty body", null);
        }
        return body;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asString();
    }

    private static Instant instant(JsonNode node) {
        try {
            return node.isString() ? Instant.parse(node.asString()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
