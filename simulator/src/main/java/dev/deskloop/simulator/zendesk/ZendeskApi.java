package dev.deskloop.simulator.zendesk;

import dev.deskloop.simulator.http.Call;
import dev.deskloop.simulator.http.Html;
import dev.deskloop.simulator.http.Json;
import dev.deskloop.simulator.http.Reply;
import dev.deskloop.simulator.http.Router;
import dev.deskloop.simulator.http.WebhookQueue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Zendesk REST resources under {@code /api/v2}: tickets, comments, users, ticket fields, webhooks,
 * triggers and OAuth token revocation. Each route is tagged with the scope it needs.
 */
final class ZendeskApi {

    /** One authenticated API call. */
    record Request(ZendeskAccount account, ZendeskAccount.Token token, Call call, String root) {
    }

    static final int MAX_COMMENT_BYTES = 64 * 1024;
    private static final Set<String> STATUSES = Set.of("new", "open", "pending", "hold", "solved", "closed");
    private static final Set<String> PRIORITIES = Set.of("urgent", "high", "normal", "low");
    private static final Set<String> TYPES = Set.of("problem", "incident", "question", "task");
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> FORMATS = Set.of("json", "xml", "form_encoded");
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final ZendeskSettings settings;
    private final Clock clock;
    private final ZendeskDeliveries deliveries;
    private final SecureRandom random = new SecureRandom();
    final Router<Request> router = new Router<>(true);

    ZendeskApi(ZendeskSettings settings, Clock clock, ZendeskDeliveries deliveries) {
        this.settings = settings;
        this.clock = clock;
        this.deliveries = deliveries;
        router.add("GET", "/api/v2/tickets/{ticket_id}", "tickets:read", this::showTicket)
            .add("PUT", "/api/v2/tickets/{ticket_id}", "tickets:write", this::updateTicket)
            .add("GET", "/api/v2/tickets/{ticket_id}/comments", "tickets:read", this::listComments)
            .add("GET", "/api/v2/users/me", "users:read", this::me)
            .add("GET", "/api/v2/users/{user_id}", "users:read", this::showUser)
            .add("GET", "/api/v2/ticket_fields", "tickets:read", this::listTicketFields)
            .add("GET", "/api/v2/webhooks", "webhooks:read", this::listWebhooks)
            .add("POST", "/api/v2/webhooks", "webhooks:write", this::createWebhook)
            .add("GET", "/api/v2/webhooks/{webhook_id}", "webhooks:read", this::showWebhook)
            .add("PUT", "/api/v2/webhooks/{webhook_id}", "webhooks:write", (r, p) -> updateWebhook(r, p, false))
            .add("PATCH", "/api/v2/webhooks/{webhook_id}", "webhooks:write", (r, p) -> updateWebhook(r, p, true))
            .add("DELETE", "/api/v2/webhooks/{webhook_id}", "webhooks:write", this::deleteWebhook)
            .add("GET", "/api/v2/webhooks/{webhook_id}/signing_secret", "webhooks:read", this::showSigningSecret)
            .add("POST", "/api/v2/webhooks/{webhook_id}/signing_secret", "webhooks:write", this::resetSigningSecret)
            .add("GET", "/api/v2/triggers", "triggers:read", this::listTriggers)
            .add("POST", "/api/v2/triggers", "triggers:write", this::createTrigger)
            .add("GET", "/api/v2/triggers/{trigger_id}", "triggers:read", this::showTrigger)
            .add("PUT", "/api/v2/triggers/{trigger_id}", "triggers:write", this::updateTrigger)
            .add("DELETE", "/api/v2/triggers/{trigger_id}", "triggers:write", this::deleteTrigger)
            .add("GET", "/api/v2/oauth/tokens/current", "any", this::showCurrentToken)
            .add("DELETE", "/api/v2/oauth/tokens/current", "revoke", this::revokeCurrentToken)
            .add("DELETE", "/api/v2/oauth/tokens/{oauth_token_id}", "revoke", this::revokeToken);
    }

    // ---- tickets ------------------------------------------------------------------------------------

    private Reply showTicket(Request r, Map<String, String> p) {
        ZendeskAccount a = r.account();
        synchronized (a) {
            ZendeskAccount.Ticket t = ticket(a, p.get("ticket_id"));
            if (t == null) {
                return ZendeskErrors.recordNotFound();
            }
            ObjectNode body = Json.object();
            body.set("ticket", ZendeskJson.ticket(r.root(), t));
            if (includes(r.call(), "users")) {
                ArrayNode users = body.putArray("users");
                Set<Long> ids = new LinkedHashSet<>(List.of(t.requesterId, t.submitterId));
                if (t.assigneeId != null) {
                    ids.add(t.assigneeId);
                }
                ids.stream().map(a.users::get).filter(u -> u != null).forEach(u -> users.add(ZendeskJson.user(r.root(), u)));
            }
            return Reply.json(200, body);
        }
    }

    private Reply listComments(Request r, Map<String, String> p) {
        ZendeskAccount a = r.account();
        Map<String, String> q = r.call().query();
        synchronized (a) {
            ZendeskAccount.Ticket t = ticket(a, p.get("ticket_id"));
            if (t == null) {
                return ZendeskErrors.recordNotFound();
            }
            List<ZendeskAccount.Comment> comments = new ArrayList<>(t.comments);
            if ("-created_at".equals(q.get("sort")) || "desc".equals(q.get("sort_order"))) {
                comments = comments.reversed();
            }
            ObjectNode body = Json.object();
            ArrayNode list = body.putArray("comments");
            String sizeParam = q.get("page[size]");
            int size;
            try {
                size = sizeParam != null ? Integer.parseInt(sizeParam) : Integer.parseInt(q.getOrDefault("per_page", "100"));
            } catch (NumberFormatException e) {
                return ZendeskErrors.badRequest("page[size] must be a number");
            }
            size = Math.clamp(size, 1, 100);
            int start = 0;
            if (sizeParam != null && q.containsKey("page[after]")) {
                start = cursorIndex(q.get("page[after]"));
            } else if (sizeParam == null && q.containsKey("page")) {
                try {
                    start = (Math.max(1, Integer.parseInt(q.get("page"))) - 1) * size;
                } catch (NumberFormatException e) {
                    return ZendeskErrors.badRequest("page must be a number");
                }
            }
            int end = Math.min(comments.size(), start + size);
            Set<Long> authors = new LinkedHashSet<>();
            for (int i = start; i < end; i++) {
                list.add(ZendeskJson.comment(r.root(), comments.get(i)));
                authors.add(comments.get(i).authorId);
            }
            boolean more = end < comments.size();
            String next = r.root() + "/api/v2/tickets/" + t.id + "/comments.json?";
            if (sizeParam != null) {
                ObjectNode meta = body.putObject("meta");
                meta.put("has_more", more);
                meta.put("after_cursor", cursor(end));
                meta.put("before_cursor", cursor(start));
                ObjectNode links = body.putObject("links");
                links.put("next", next + "page%5Bsize%5D=" + size + "&page%5Bafter%5D=" + cursor(end));
                links.put("prev", next + "page%5Bsize%5D=" + size + "&page%5Bbefore%5D=" + cursor(start));
            } else {
                int page = start / size + 1;
                if (more) {
                    body.put("next_page", next + "page=" + (page + 1) + "&per_page=" + size);
                } else {
                    body.putNull("next_page");
                }
                if (page > 1) {
                    body.put("previous_page", next + "page=" + (page - 1) + "&per_page=" + size);
                } else {
                    body.putNull("previous_page");
                }
                body.put("count", comments.size());
            }
            if (includes(r.call(), "users")) {
                ArrayNode users = body.putArray("users");
                authors.stream().map(a.users::get).filter(u -> u != null).forEach(u -> users.add(ZendeskJson.user(r.root(), u)));
            }
            return Reply.json(200, body);
        }
    }

    private static String cursor(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("c" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int cursorIndex(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return decoded.startsWith("c") ? Math.max(0, Integer.parseInt(decoded.substring(1))) : 0;
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private Reply updateTicket(Request r, Map<String, String> p) {
        Optional<JsonNode> parsed = Json.parse(r.call().body());
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return ZendeskErrors.badRequest("The request body must be a JSON object like {\"ticket\":{...}}");
        }
        JsonNode input = parsed.get().get("ticket");
        if (input == null || !input.isObject()) {
            return ZendeskErrors.badRequest("Parameter ticket is required and must be an object");
        }
        ZendeskAccount a = r.account();
        List<WebhookQueue.Job> jobs;
        ObjectNode response = Json.object();
        synchronized (a) {
            ZendeskAccount.Ticket t = ticket(a, p.get("ticket_id"));
            if (t == null) {
                return ZendeskErrors.recordNotFound();
            }
            if (settings.rejectClosedTicketUpdates() && "closed".equals(t.status)) {
                return ZendeskErrors.recordInvalid("status", "ClosedPreventsUpdate", "Status: closed prevents ticket update");
            }
            if (input.path("safe_update").asBoolean(false)) {
                String stamp = input.path("updated_stamp").asString("");
                if (!stamp.equals(ZendeskJson.time(t.updatedAt))) {
                    return ZendeskErrors.conflict();
                }
            }
            // Validate everything before changing anything.
            JsonNode comment = input.get("comment");
            String commentBody = null;
            String commentHtml = null;
            Boolean commentPublic = null;
            long authorId = r.token().userId;
            if (comment != null && !comment.isNull()) {
                if (!comment.isObject()) {
                    return ZendeskErrors.badRequest("comment must be an object");
                }
                commentBody = comment.hasNonNull("body") ? comment.get("body").asString("") : null;
                commentHtml = comment.hasNonNull("html_body") ? comment.get("html_body").asString("") : null;
                if ((commentBody == null || commentBody.isBlank()) && (commentHtml == null || commentHtml.isBlank())) {
                    return ZendeskErrors.recordInvalid("base", "BlankValue", "Comment: cannot be blank");
                }
                String text = commentHtml != null ? commentHtml : commentBody;
                if (text.getBytes(StandardCharsets.UTF_8).length > MAX_COMMENT_BYTES) {
                    return ZendeskErrors.recordInvalid("base", "TooLong", "Comment: is too long (maximum is 65536 bytes)");
                }
                JsonNode pub = comment.get("public");
                if (pub != null && !pub.isNull()) {
                    if (pub.isBoolean()) {
                        commentPublic = pub.asBoolean();
                    } else if (pub.isString() && (pub.stringValue().equals("true") || pub.stringValue().equals("false"))) {
                        commentPublic = Boolean.parseBoolean(pub.stringValue());
                    } else {
                        return ZendeskErrors.badRequest("comment.public must be true or false");
                    }
                }
                if (comment.hasNonNull("author_id")) {
                    if (!comment.get("author_id").isIntegralNumber() || !a.users.containsKey(comment.get("author_id").asLong())) {
                        return ZendeskErrors.recordInvalid("base", "InvalidValue", "Comment: author is invalid");
                    }
                    authorId = comment.get("author_id").asLong();
                }
            }
            JsonNode customFields = input.get("custom_fields");
            if (customFields != null && !customFields.isNull()) {
                if (!customFields.isArray()) {
                    return ZendeskErrors.badRequest("custom_fields must be an array of {id, value}");
                }
                for (JsonNode f : customFields) {
                    if (!f.isObject() || !f.path("id").canConvertToLong() || !(f.path("id").isIntegralNumber() || f.path("id").isString())) {
                        return ZendeskErrors.badRequest("custom_fields entries need a numeric id");
                    }
                }
            }
            String status = input.hasNonNull("status") ? input.get("status").asString("") : null;
            if (status != null && !STATUSES.contains(status)) {
                return ZendeskErrors.recordInvalid("status", "InvalidValue", "Status: is not valid");
            }
            String priority = input.hasNonNull("priority") ? input.get("priority").asString("") : null;
            if (priority != null && !PRIORITIES.contains(priority)) {
                return ZendeskErrors.recordInvalid("priority", "InvalidValue", "Priority: is not valid");
            }
            String type = input.hasNonNull("type") ? input.get("type").asString("") : null;
            if (type != null && !TYPES.contains(type)) {
                return ZendeskErrors.recordInvalid("type", "InvalidValue", "Type: is not valid");
            }
            for (String tagField : List.of("tags", "additional_tags", "remove_tags")) {
                JsonNode tags = input.get(tagField);
                if (tags != null && !tags.isNull() && !tags.isArray() && !tags.isString()) {
                    return ZendeskErrors.badRequest(tagField + " must be an array of strings");
                }
            }

            Instant now = clock.instant();
            long auditId = a.newAuditId();
            ObjectNode audit = Json.object();
            audit.put("id", auditId);
            audit.put("ticket_id", t.id);
            audit.put("created_at", ZendeskJson.time(now));
            audit.put("author_id", r.token().userId);
            ObjectNode metadata = audit.putObject("metadata");
            metadata.putObject("system").put("client", "Deskloop");
            metadata.putObject("custom");
            ObjectNode via = audit.putObject("via");
            via.put("channel", "api");
            ObjectNode source = via.putObject("source");
            source.putObject("from");
            source.putObject("to");
            source.putNull("rel");
            ArrayNode events = audit.putArray("events");
            long eventId = auditId * 10;

            ZendeskAccount.Comment added = null;
            if (commentBody != null || commentHtml != null) {
                boolean isPublic = commentPublic != null ? commentPublic
                    : t.lastApiCommentPublic != null ? t.lastApiCommentPublic : true;
                String html = commentHtml != null ? commentHtml
                    : "<div class=\"zd-comment\" dir=\"auto\"><p>" + Html.escape(commentBody).replace("\n", "<br>") + "</p></div>";
                String plain = commentBody != null && commentHtml == null ? commentBody : stripTags(commentHtml);
                added = new ZendeskAccount.Comment(a.newCommentId(), authorId, plain, html, isPublic, true, auditId, now, List.of());
                t.comments.add(added);
                t.lastApiCommentPublic = isPublic;
                ObjectNode event = ZendeskJson.comment(r.root(), added);
                event.remove("via");
                event.remove("created_at");
                event.remove("metadata");
                events.add(event);
            }
            String previousStatus = t.status;
            if (status != null && !status.equals(t.status)) {
                events.addObject().put("id", ++eventId).put("type", "Change").put("field_name", "status")
                    .put("value", status).put("previous_value", t.status);
                t.status = status;
            }
            if (priority != null && !priority.equals(t.priority)) {
                ObjectNode event = events.addObject().put("id", ++eventId).put("type", "Change").put("field_name", "priority")
                    .put("value", priority);
                if (t.priority != null) {
                    event.put("previous_value", t.priority);
                }
                t.priority = priority;
            }
            if (type != null) {
                t.type = type;
            }
            if (input.hasNonNull("subject")) {
                t.subject = input.get("subject").asString(t.subject);
            }
            if (customFields != null && customFields.isArray()) {
                for (JsonNode f : customFields) {
                    long id = f.path("id").asLong();
                    JsonNode value = f.has("value") ? f.get("value") : Json.valueOf(null);
                    JsonNode previous = t.customFields.get(id);
                    t.customFields.put(id, value);
                    ObjectNode event = events.addObject().put("id", ++eventId).put("type", "Change").put("field_name", Long.toString(id));
                    event.set("value", value);
                    if (previous != null) {
                        event.set("previous_value", previous);
                    }
                }
            }
            if (input.has("tags")) {
                t.tags = new ArrayList<>();
                tagList(input.get("tags")).forEach(t::addTag);
            }
            tagList(input.get("additional_tags")).forEach(t::addTag);
            t.tags.removeAll(tagList(input.get("remove_tags")));
            t.updatedAt = now;
            t.audits.add(audit);
            jobs = deliveries.onChange(a, t, new ZendeskDeliveries.Change(false, added, previousStatus, "agent", r.token().userId));
            response.set("ticket", ZendeskJson.ticket(r.root(), t));
            response.set("audit", audit);
        }
        deliveries.send(jobs);
        return Reply.json(200, response);
    }

    private static List<String> tagList(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isString()) {
            for (String tag : node.stringValue().split("[\\s,]+")) {
                if (!tag.isEmpty()) {
                    out.add(tag.toLowerCase(Locale.ROOT));
                }
            }
        } else {
            node.forEach(tag -> out.add(tag.asString("").toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    static String stripTags(String html) {
        // Like Zendesk's plain_body: line breaks and block ends become new lines, at most one blank line in a row.
        return html == null ? "" : Html.text(html, "(?i)<br\\s*/?>|</(p|div|li|h[1-6]|tr|blockquote|pre)>")
            .replaceAll("\n{3,}", "\n\n");
    }

    // ---- users and fields ----------------------------------------------------------------------------

    private Reply me(Request r, Map<String, String> p) {
        synchronized (r.account()) {
            return Reply.json(200, Json.object().set("user", ZendeskJson.user(r.root(), r.account().users.get(r.token().userId))));
        }
    }

    private Reply showUser(Request r, Map<String, String> p) {
        synchronized (r.account()) {
            ZendeskAccount.User u = parseLong(p.get("user_id")).map(r.account().users::get).orElse(null);
            if (u == null) {
                return ZendeskErrors.recordNotFound();
            }
            return Reply.json(200, Json.object().set("user", ZendeskJson.user(r.root(), u)));
        }
    }

    private Reply listTicketFields(Request r, Map<String, String> p) {
        synchronized (r.account()) {
            ObjectNode body = Json.object();
            ArrayNode list = body.putArray("ticket_fields");
            r.account().fields.values().forEach(f -> list.add(ZendeskJson.ticketField(r.root(), f)));
            body.putNull("next_page");
            body.putNull("previous_page");
            body.put("count", list.size());
            return Reply.json(200, body);
        }
    }

    // ---- webhooks ------------------------------------------------------------------------------------

    private Reply listWebhooks(Request r, Map<String, String> p) {
        Map<String, String> q = r.call().query();
        synchronized (r.account()) {
            ObjectNode body = Json.object();
            ArrayNode list = body.putArray("webhooks");
            for (ZendeskAccount.Webhook w : r.account().webhooks.values()) {
                if (q.containsKey("filter[status]") && !q.get("filter[status]").equals(w.status)) {
                    continue;
                }
                if (q.containsKey("filter[name_contains]") && !w.name.contains(q.get("filter[name_contains]"))) {
                    continue;
                }
                list.add(ZendeskJson.webhook(w));
            }
            body.putObject("meta").put("has_more", false);
            body.putObject("links");
            return Reply.json(200, body);
        }
    }

    private Reply createWebhook(Request r, Map<String, String> p) {
        ZendeskAccount a = r.account();
        Optional<String> cloneId = r.call().query("clone_webhook_id");
        synchronized (a) {
            if (cloneId.isPresent()) {
                ZendeskAccount.Webhook source = a.webhooks.get(cloneId.get());
                if (source == null) {
                    return ZendeskErrors.webhookError(404, "WebhookNotFound", "Webhook not found", "No webhook with id " + cloneId.get(), null);
                }
                ZendeskAccount.Webhook clone = newWebhook(a, r.token());
                copy(source, clone);
                clone.name = source.name + " (copy)";
                a.webhooks.put(clone.id, clone);
                return Reply.json(201, Json.object().set("webhook", ZendeskJson.webhook(clone)));
            }
        }
        Optional<JsonNode> parsed = Json.parse(r.call().body());
        JsonNode input = parsed.map(b -> b.get("webhook")).orElse(null);
        if (input == null || !input.isObject()) {
            return ZendeskErrors.webhookError(400, "InvalidInput", "Invalid request body",
                "The request body must be a JSON object like {\"webhook\":{...}}", "/webhook");
        }
        Optional<Reply> invalid = validateWebhook(input, true, false);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        synchronized (a) {
            ZendeskAccount.Webhook w = newWebhook(a, r.token());
            apply(w, input);
            JsonNode secret = input.path("signing_secret").path("secret");
            if (secret.isString() && !secret.stringValue().isBlank()) {
                w.signingSecret = secret.stringValue();
            }
            a.webhooks.put(w.id, w);
            return Reply.json(201, Json.object().set("webhook", ZendeskJson.webhook(w)));
        }
    }

    private ZendeskAccount.Webhook newWebhook(ZendeskAccount a, ZendeskAccount.Token token) {
        ZendeskAccount.Webhook w = new ZendeskAccount.Webhook(ulid(), clock.instant(), Long.toString(token.userId));
        w.signingSecret = randomSecret();
        return w;
    }

    private static void copy(ZendeskAccount.Webhook from, ZendeskAccount.Webhook to) {
        to.name = from.name;
        to.description = from.description;
        to.endpoint = from.endpoint;
        to.httpMethod = from.httpMethod;
        to.requestFormat = from.requestFormat;
        to.status = from.status;
        to.subscriptions = List.copyOf(from.subscriptions);
        to.authentication = from.authentication;
        to.customHeaders = new LinkedHashMap<>(from.customHeaders);
    }

    private static void apply(ZendeskAccount.Webhook w, JsonNode input) {
        if (input.has("name")) {
            w.name = input.get("name").asString();
        }
        if (input.has("description")) {
            w.description = input.get("description").isNull() ? null : input.get("description").asString();
        }
        if (input.has("endpoint")) {
            w.endpoint = input.get("endpoint").asString();
        }
        if (input.has("http_method")) {
            w.httpMethod = input.get("http_method").asString();
        }
        if (input.has("request_format")) {
            w.requestFormat = input.get("request_format").asString();
        }
        if (input.has("status")) {
            w.status = input.get("status").asString();
        }
        if (input.has("subscriptions")) {
            List<String> subs = new ArrayList<>();
            input.get("subscriptions").forEach(s -> subs.add(s.asString()));
            w.subscriptions = subs;
        } else if (w.subscriptions == null) {
            w.subscriptions = List.of();
        }
        if (input.has("authentication")) {
            w.authentication = input.get("authentication").isNull() ? null : input.get("authentication");
        }
        if (input.has("custom_headers")) {
            w.customHeaders = new LinkedHashMap<>();
            input.get("custom_headers").properties().forEach(e -> w.customHeaders.put(e.getKey(), e.getValue().asString("")));
        }
    }

    private static Optional<Reply> validateWebhook(JsonNode in, boolean requireAll, boolean update) {
        if (update && in.has("signing_secret")) {
            return Optional.of(invalid("signing_secret", "signing_secret cannot be set when updating a webhook"));
        }
        if (update && in.has("external_source")) {
            return Optional.of(invalid("external_source", "external_source cannot be set when updating a webhook"));
        }
        for (String field : List.of("name", "endpoint", "http_method", "request_format", "status")) {
            JsonNode value = in.get(field);
            if (value == null || value.isNull()) {
                if (requireAll) {
                    return Optional.of(invalid(field, field + " is required"));
                }
                continue;
            }
            if (!value.isString() || value.stringValue().isBlank()) {
                return Optional.of(invalid(field, field + " must be a non-empty string"));
            }
        }
        if (in.hasNonNull("endpoint")) {
            try {
                URI uri = URI.create(in.get("endpoint").asString());
                if (!uri.isAbsolute() || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                    return Optional.of(invalid("endpoint", "endpoint must be an absolute http or https URL"));
                }
            } catch (IllegalArgumentException e) {
                return Optional.of(invalid("endpoint", "endpoint must be an absolute http or https URL"));
            }
        }
        if (in.hasNonNull("http_method") && !HTTP_METHODS.contains(in.get("http_method").asString())) {
            return Optional.of(invalid("http_method", "http_method must be one of GET, POST, PUT, PATCH, DELETE"));
        }
        if (in.hasNonNull("request_format") && !FORMATS.contains(in.get("request_format").asString())) {
            return Optional.of(invalid("request_format", "request_format must be one of json, xml, form_encoded"));
        }
        if (in.hasNonNull("status") && !Set.of("active", "inactive").contains(in.get("status").asString())) {
            return Optional.of(invalid("status", "status must be active or inactive"));
        }
        JsonNode subs = in.get("subscriptions");
        if (subs != null && !subs.isNull()) {
            if (!subs.isArray()) {
                return Optional.of(invalid("subscriptions", "subscriptions must be an array of strings"));
            }
            boolean conditional = false;
            boolean events = false;
            for (JsonNode s : subs) {
                String value = s.asString("");
                if (value.equals(ZendeskDeliveries.CONDITIONAL)) {
                    conditional = true;
                } else if (value.startsWith(ZendeskDeliveries.EVENT_PREFIX) && value.length() > ZendeskDeliveries.EVENT_PREFIX.length()) {
                    events = true;
                } else {
                    return Optional.of(invalid("subscriptions", "Unknown subscription '" + value + "'"));
                }
            }
            if (conditional && events) {
                return Optional.of(invalid("subscriptions",
                    "conditional_ticket_events cannot be combined with event subscriptions"));
            }
            if (events && (!"POST".equals(in.path("http_method").asString("POST")) || !"json".equals(in.path("request_format").asString("json")))) {
                return Optional.of(invalid("subscriptions", "Event subscriptions need http_method POST and request_format json"));
            }
        }
        JsonNode auth = in.get("authentication");
        if (auth != null && !auth.isNull()) {
            String type = auth.path("type").asString("");
            JsonNode data = auth.path("data");
            boolean ok = switch (type) {
                case "basic_auth" -> data.hasNonNull("username") && data.hasNonNull("password");
                case "bearer_token" -> data.hasNonNull("token");
                case "api_key" -> data.hasNonNull("name") && data.hasNonNull("value");
                default -> false;
            };
            if (!ok) {
                return Optional.of(invalid("authentication", "authentication needs a type (basic_auth, bearer_token, api_key) and its data"));
            }
        }
        JsonNode headers = in.get("custom_headers");
        if (headers != null && !headers.isNull() && !headers.isObject()) {
            return Optional.of(invalid("custom_headers", "custom_headers must be an object of strings"));
        }
        return Optional.empty();
    }

    private static Reply invalid(String field, String detail) {
        return ZendeskErrors.webhookError(400, "InvalidValue", "Invalid " + field, detail, "/webhook/" + field);
    }

    private Reply showWebhook(Request r, Map<String, String> p) {
        synchronized (r.account()) {
            ZendeskAccount.Webhook w = r.account().webhooks.get(p.get("webhook_id"));
            return w == null ? webhookNotFound(p) : Reply.json(200, Json.object().set("webhook", ZendeskJson.webhook(w)));
        }
    }

    private Reply updateWebhook(Request r, Map<String, String> p, boolean patch) {
        JsonNode input = Json.parse(r.call().body()).map(b -> b.get("webhook")).orElse(null);
        if (input == null || !input.isObject()) {
            return ZendeskErrors.webhookError(400, "InvalidInput", "Invalid request body",
                "The request body must be a JSON object like {\"webhook\":{...}}", "/webhook");
        }
        Optional<Reply> invalid = validateWebhook(input, !patch, true);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        synchronized (r.account()) {
            ZendeskAccount.Webhook w = r.account().webhooks.get(p.get("webhook_id"));
            if (w == null) {
                return webhookNotFound(p);
            }
            if (!patch) {
                w.description = null;
                w.authentication = null;
                w.customHeaders = new LinkedHashMap<>();
                w.subscriptions = List.of();
            }
            apply(w, input);
            w.updatedAt = clock.instant();
            return Reply.empty(204);
        }
    }

    private Reply deleteWebhook(Request r, Map<String, String> p) {
        synchronized (r.account()) {
            ZendeskAccount.Webhook w = r.account().webhooks.get(p.get("webhook_id"));
            if (w == null) {
                return webhookNotFound(p);
            }
            if (settings.refuseDeletingWebhookInUse()) {
                for (ZendeskAccount.Trigger t : r.account().triggers.values()) {
                    if (usesWebhook(t, w.id)) {
                        return ZendeskErrors.webhookError(400, "WebhookInUse", "Webhook in use",
                            "The webhook is used by trigger " + t.id + " (\"" + t.title + "\"); delete or change the trigger first", null);
                    }
                }
            }
            r.account().webhooks.remove(w.id);
            return Reply.empty(204);
        }
    }

    private static boolean usesWebhook(ZendeskAccount.Trigger t, String webhookId) {
        for (JsonNode action : t.actions) {
            if ("notification_webhook".equals(action.path("field").asString("")) && action.path("value").isArray()
                && webhookId.equals(action.path("value").path(0).asString(""))) {
                return true;
            }
        }
        return false;
    }

    private Reply showSigningSecret(Request r, Map<String, String> p) {
        synchronized (r.account()) {
            ZendeskAccount.Webhook w = r.account().webhooks.get(p.get("webhook_id"));
            return w == null ? webhookNotFound(p) : Reply.json(200, secretBody(w));
        }
    }

    private Reply resetSigningSecret(Request r, Map<String, String> p) {
        synchronized (r.account()) {
            ZendeskAccount.Webhook w = r.account().webhooks.get(p.get("webhook_id"));
            if (w == null) {
                return webhookNotFound(p);
            }
            w.signingSecret = randomSecret();
            return Reply.json(201, secretBody(w));
        }
    }

    private static ObjectNode secretBody(ZendeskAccount.Webhook w) {
        ObjectNode body = Json.object();
        body.putObject("signing_secret").put("algorithm", "sha256").put("secret", w.signingSecret);
        return body;
    }

    private static Reply webhookNotFound(Map<String, String> p) {
        return ZendeskErrors.webhookError(404, "WebhookNotFound", "Webhook not found",
            "No webhook with id " + p.get("webhook_id"), null);
    }

    // ---- triggers ------------------------------------------------------------------------------------

    private Reply listTriggers(Request r, Map<String, String> p) {
        Optional<String> active = r.call().query("active");
        synchronized (r.account()) {
            ObjectNode body = Json.object();
            ArrayNode list = body.putArray("triggers");
            r.account().triggers.values().stream()
                .filter(t -> active.isEmpty() || Boolean.parseBoolean(active.get()) == t.active)
                .forEach(t -> list.add(ZendeskJson.trigger(r.root(), t)));
            body.putNull("next_page");
            body.putNull("previous_page");
            body.put("count", list.size());
            return Reply.json(200, body);
        }
    }

    private Reply createTrigger(Request r, Map<String, String> p) {
        JsonNode input = Json.parse(r.call().body()).map(b -> b.get("trigger")).orElse(null);
        if (input == null || !input.isObject()) {
            return ZendeskErrors.badRequest("The request body must be a JSON object like {\"trigger\":{...}}");
        }
        synchronized (r.account()) {
            Optional<Reply> invalid = validateTrigger(r.account(), input.path("title"), input.get("conditions"), input.get("actions"));
            if (invalid.isPresent()) {
                return invalid.get();
            }
            ZendeskAccount.Trigger t = new ZendeskAccount.Trigger(r.account().newTriggerId(), clock.instant());
            t.title = input.get("title").asString();
            t.conditions = normalizeConditions(input.get("conditions"));
            t.actions = input.get("actions");
            t.active = input.path("active").asBoolean(true);
            t.description = input.hasNonNull("description") ? input.get("description").asString() : null;
            t.categoryId = input.hasNonNull("category_id") ? input.get("category_id").asString() : null;
            t.position = input.hasNonNull("position") ? input.get("position").asInt() : r.account().triggers.size() + 1;
            r.account().triggers.put(t.id, t);
            return Reply.json(201, Json.object().set("trigger", ZendeskJson.trigger(r.root(), t)));
        }
    }

    private Reply showTrigger(Request r, Map<String, String> p) {
        synchronized (r.account()) {
            ZendeskAccount.Trigger t = parseLong(p.get("trigger_id")).map(r.account().triggers::get).orElse(null);
            return t == null ? ZendeskErrors.recordNotFound()
                : Reply.json(200, Json.object().set("trigger", ZendeskJson.trigger(r.root(), t)));
        }
    }

    private Reply updateTrigger(Request r, Map<String, String> p) {
        JsonNode input = Json.parse(r.call().body()).map(b -> b.get("trigger")).orElse(null);
        if (input == null || !input.isObject()) {
            return ZendeskErrors.badRequest("The request body must be a JSON object like {\"trigger\":{...}}");
        }
        synchronized (r.account()) {
            ZendeskAccount.Trigger t = parseLong(p.get("trigger_id")).map(r.account().triggers::get).orElse(null);
            if (t == null) {
                return ZendeskErrors.recordNotFound();
            }
            boolean replaces = input.has("conditions") || input.has("actions");
            // Updating either array replaces both (documented on Update Ticket Trigger).
            JsonNode conditions = replaces ? input.get("conditions") : t.conditions;
            JsonNode actions = replaces ? (input.has("actions") ? input.get("actions") : Json.array()) : t.actions;
            if (replaces && conditions == null) {
                conditions = Json.object().set("all", Json.array());
            }
            JsonNode title = input.has("title") ? input.get("title") : Json.valueOf(t.title);
            Optional<Reply> invalid = validateTrigger(r.account(), title, conditions, actions);
            if (invalid.isPresent()) {
                return invalid.get();
            }
            t.title = title.asString();
            t.conditions = normalizeConditions(conditions);
            t.actions = actions;
            if (input.has("active")) {
                t.active = input.get("active").asBoolean(t.active);
            }
            if (input.has("description")) {
                t.description = input.get("description").isNull() ? null : input.get("description").asString();
            }
            if (input.has("category_id")) {
                t.categoryId = input.get("category_id").isNull() ? null : input.get("category_id").asString();
            }
            t.updatedAt = clock.instant();
            return Reply.json(200, Json.object().set("trigger", ZendeskJson.trigger(r.root(), t)));
        }
    }

    private Reply deleteTrigger(Request r, Map<String, String> p) {
        synchronized (r.account()) {
            Optional<Long> id = parseLong(p.get("trigger_id"));
            if (id.isEmpty() || r.account().triggers.remove(id.get()) == null) {
                return ZendeskErrors.recordNotFound();
            }
            return Reply.empty(204);
        }
    }

    private static JsonNode normalizeConditions(JsonNode conditions) {
        ObjectNode out = Json.object();
        out.set("all", conditions.has("all") && !conditions.get("all").isNull() ? conditions.get("all") : Json.array());
        out.set("any", conditions.has("any") && !conditions.get("any").isNull() ? conditions.get("any") : Json.array());
        return out;
    }

    private static Optional<Reply> validateTrigger(ZendeskAccount a, JsonNode title, JsonNode conditions, JsonNode actions) {
        if (title == null || !title.isString() || title.stringValue().isBlank()) {
            return Optional.of(ZendeskErrors.recordInvalid("title", "BlankValue", "Title: cannot be blank"));
        }
        if (conditions == null || !conditions.isObject() || (!conditions.has("all") && !conditions.has("any"))) {
            return Optional.of(ZendeskErrors.recordInvalid("conditions", "InvalidValue",
                "Conditions: must be an object with \"all\" and/or \"any\" arrays"));
        }
        for (String group : List.of("all", "any")) {
            JsonNode list = conditions.get(group);
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    return Optional.of(ZendeskErrors.recordInvalid("conditions", "InvalidValue", "Conditions: " + group + " must be an array"));
                }
                for (JsonNode c : list) {
                    if (!c.isObject() || !c.path("field").isString()) {
                        return Optional.of(ZendeskErrors.recordInvalid("conditions", "InvalidValue",
                            "Conditions: each condition needs a field, an operator and a value"));
                    }
                }
            }
        }
        if (actions == null || !actions.isArray() || actions.isEmpty()) {
            return Optional.of(ZendeskErrors.recordInvalid("actions", "BlankValue", "Actions: cannot be blank"));
        }
        for (JsonNode action : actions) {
            if (!action.isObject() || !action.path("field").isString()) {
                return Optional.of(ZendeskErrors.recordInvalid("actions", "InvalidValue", "Actions: each action needs a field and a value"));
            }
            if ("notification_webhook".equals(action.get("field").stringValue())) {
                JsonNode value = action.path("value");
                if (!value.isArray() || value.size() != 2 || !value.get(0).isString() || !value.get(1).isString()) {
                    return Optional.of(ZendeskErrors.recordInvalid("actions", "InvalidValue",
                        "Actions: notification_webhook needs [webhook id, body as a string]"));
                }
                ZendeskAccount.Webhook w = a.webhooks.get(value.get(0).stringValue());
                if (w == null) {
                    return Optional.of(ZendeskErrors.recordInvalid("actions", "InvalidValue",
                        "Actions: webhook " + value.get(0).stringValue() + " does not exist"));
                }
                if (!w.subscriptions.contains(ZendeskDeliveries.CONDITIONAL)) {
                    return Optional.of(ZendeskErrors.recordInvalid("actions", "InvalidValue",
                        "Actions: webhook " + w.id + " is not subscribed to conditional_ticket_events"));
                }
            }
        }
        return Optional.empty();
    }

    // ---- OAuth tokens --------------------------------------------------------------------------------

    private Reply showCurrentToken(Request r, Map<String, String> p) {
        ZendeskAccount.Token t = r.token();
        ObjectNode token = Json.object();
        token.put("url", r.root() + "/api/v2/oauth/tokens/" + t.id + ".json");
        token.put("id", t.id);
        token.put("user_id", t.userId);
        token.put("client_id", 1);
        token.put("token", t.accessToken.substring(0, 10));
        token.putArray("scopes").addAll(t.scopes.stream().map(s -> (JsonNode) Json.valueOf(s)).toList());
        token.put("created_at", ZendeskJson.time(t.createdAt));
        token.put("used_at", ZendeskJson.time(clock.instant()));
        token.put("expires_at", ZendeskJson.time(t.accessExpiresAt));
        if (t.refreshToken != null) {
            token.put("refresh_token", t.refreshToken.substring(0, 10));
            token.put("refresh_token_expires_at", ZendeskJson.time(t.refreshExpiresAt));
        }
        return Reply.json(200, Json.object().set("token", token));
    }

    private Reply revokeCurrentToken(Request r, Map<String, String> p) {
        synchronized (r.account()) {
            revoke(r.token());
        }
        return Reply.empty(204);
    }

    private Reply revokeToken(Request r, Map<String, String> p) {
        synchronized (r.account()) {
            Optional<Long> id = parseLong(p.get("oauth_token_id"));
            ZendeskAccount.Token token = r.account().tokensByAccess.values().stream()
                .filter(t -> id.isPresent() && t.id == id.get()).findFirst().orElse(null);
            if (token == null) {
                return ZendeskErrors.recordNotFound();
            }
            revoke(token);
            return Reply.empty(204);
        }
    }

    private void revoke(ZendeskAccount.Token token) {
        Instant now = clock.instant();
        token.revokedAt = now;
        if (settings.revokeKillsRefresh()) {
            token.refreshRevokedAt = now;
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static ZendeskAccount.Ticket ticket(ZendeskAccount a, String id) {
        return parseLong(id).map(a.tickets::get).orElse(null);
    }

    static Optional<Long> parseLong(String value) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static boolean includes(Call call, String sideload) {
        return call.query("include").map(v -> List.of(v.split(",")).contains(sideload)).orElse(false);
    }

    private String ulid() {
        StringBuilder out = new StringBuilder("01");
        for (int i = 0; i < 24; i++) {
            out.append(CROCKFORD[random.nextInt(32)]);
        }
        return out.toString();
    }

    private String randomSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
