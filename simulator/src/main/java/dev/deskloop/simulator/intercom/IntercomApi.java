package dev.deskloop.simulator.intercom;

import dev.deskloop.simulator.Attachment;
import dev.deskloop.simulator.http.Call;
import dev.deskloop.simulator.http.Html;
import dev.deskloop.simulator.http.Json;
import dev.deskloop.simulator.http.Reply;
import dev.deskloop.simulator.http.Router;
import dev.deskloop.simulator.http.WebhookQueue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The Intercom REST resources the app uses: {@code /me}, {@code /admins}, conversations (read, update,
 * reply or note as an admin, reply as a user), contacts and {@code /auth/uninstall}.
 */
final class IntercomApi {

    /** One authenticated API call. */
    record Request(IntercomWorkspace workspace, IntercomWorkspace.Token token, Call call) {
    }

    private final IntercomSettings settings;
    private final Clock clock;
    private final IntercomDeliveries deliveries;
    private final Runnable onUninstall;
    final Router<Request> router = new Router<>(false);

    IntercomApi(IntercomSettings settings, Clock clock, IntercomDeliveries deliveries, Runnable onUninstall) {
        this.settings = settings;
        this.clock = clock;
        this.deliveries = deliveries;
        this.onUninstall = onUninstall;
        router.add("GET", "/me", this::me)
            .add("GET", "/admins", this::admins)
            .add("GET", "/admins/{admin_id}", this::admin)
            .add("GET", "/conversations/{conversation_id}", this::showConversation)
            .add("PUT", "/conversations/{conversation_id}", this::updateConversation)
            .add("POST", "/conversations/{conversation_id}/reply", this::reply)
            .add("GET", "/contacts/{contact_id}", this::showContact)
            .add("POST", "/auth/uninstall", this::uninstall);
    }

    private Reply me(Request r, Map<String, String> p) {
        synchronized (r.workspace()) {
            return Reply.json(200, IntercomJson.me(settings, r.workspace()));
        }
    }

    private Reply admins(Request r, Map<String, String> p) {
        synchronized (r.workspace()) {
            var body = Json.object().put("type", "admin.list");
            var list = body.putArray("admins");
            r.workspace().admins.values().forEach(a -> list.add(IntercomJson.admin(a)));
            return Reply.json(200, body);
        }
    }

    private Reply admin(Request r, Map<String, String> p) {
        synchronized (r.workspace()) {
            IntercomWorkspace.Admin admin = r.workspace().admins.get(p.get("admin_id"));
            return admin == null ? IntercomErrors.error(404, "admin_not_found", "Admin not found")
                : Reply.json(200, IntercomJson.admin(admin));
        }
    }

    private Reply showConversation(Request r, Map<String, String> p) {
        boolean plaintext = "plaintext".equals(r.call().query("display_as").orElse(""));
        synchronized (r.workspace()) {
            IntercomWorkspace.Conversation c = conversation(r.workspace(), p.get("conversation_id"));
            if (c == null) {
                return IntercomErrors.notFound("Resource Not Found");
            }
            // Intercom returns at most the 500 most recent parts.
            List<IntercomWorkspace.Part> parts = c.parts.size() > 500 ? c.parts.subList(c.parts.size() - 500, c.parts.size()) : c.parts;
            return Reply.json(200, IntercomJson.conversation(c, parts, plaintext));
        }
    }

    private Reply updateConversation(Request r, Map<String, String> p) {
        Optional<JsonNode> parsed = Json.parse(r.call().body());
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return IntercomErrors.error(400, "bad_request", "The request body must be a JSON object");
        }
        JsonNode in = parsed.get();
        synchronized (r.workspace()) {
            IntercomWorkspace.Conversation c = conversation(r.workspace(), p.get("conversation_id"));
            if (c == null) {
                return IntercomErrors.notFound("Resource Not Found");
            }
            if (in.has("read") && !in.get("read").isBoolean()) {
                return IntercomErrors.badParameter("read must be a boolean");
            }
            if (in.has("title") && !in.get("title").isString() && !in.get("title").isNull()) {
                return IntercomErrors.badParameter("title must be a string");
            }
            JsonNode attributes = in.get("custom_attributes");
            if (attributes != null && !attributes.isNull()) {
                if (!attributes.isObject()) {
                    return IntercomErrors.badParameter("custom_attributes must be an object");
                }
                for (var e : attributes.properties()) {
                    String type = r.workspace().attributes.get(e.getKey());
                    if (type == null) {
                        if (settings.rejectUnknownAttributes()) {
                            return IntercomErrors.badParameter("Custom attribute '" + e.getKey() + "' does not exist");
                        }
                        continue;
                    }
                    JsonNode v = e.getValue();
                    boolean ok = v.isNull() || switch (type) {
                        case "integer" -> v.isIntegralNumber();
                        case "float" -> v.isNumber();
                        case "boolean" -> v.isBoolean();
                        case "datetime" -> v.isIntegralNumber() || v.isString();
                        default -> v.isString() || v.isArray();
                    };
                    if (!ok) {
                        return IntercomErrors.badParameter("Custom attribute '" + e.getKey() + "' must be a " + type);
                    }
                    if (v.isString() && v.stringValue().length() > 255 && type.equals("string")) {
                        return IntercomErrors.badParameter("Custom attribute '" + e.getKey() + "' is longer than 255 characters");
                    }
                }
            }
            if (in.has("read")) {
                c.read = in.get("read").asBoolean();
            }
            if (in.has("title")) {
                c.title = in.get("title").isNull() ? null : in.get("title").stringValue();
            }
            if (attributes != null && attributes.isObject()) {
                for (var e : attributes.properties()) {
                    if (!r.workspace().attributes.containsKey(e.getKey())) {
                        continue;
                    }
                    if (e.getValue().isNull()) {
                        c.customAttributes.remove(e.getKey());
                    } else {
                        c.customAttributes.put(e.getKey(), e.getValue());
                    }
                }
            }
            c.updatedAt = clock.instant();
            return Reply.json(200, IntercomJson.conversation(c, c.parts, false));
        }
    }

    private Reply reply(Request r, Map<String, String> p) {
        Optional<JsonNode> parsed = Json.parse(r.call().body());
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return IntercomErrors.error(400, "bad_request", "The request body must be a JSON object");
        }
        JsonNode in = parsed.get();
        String type = in.path("type").asString("");
        String messageType = in.path("message_type").asString("");
        if (!type.equals("admin") && !type.equals("user")) {
            return in.has("type") ? IntercomErrors.badParameter("type must be one of admin, user")
                : IntercomErrors.missingParameter("type is required");
        }
        if (messageType.isEmpty()) {
            return IntercomErrors.missingParameter("message_type is required");
        }
        List<String> allowed = type.equals("admin") ? List.of("comment", "note", "quick_reply") : List.of("comment", "quick_reply");
        if (!allowed.contains(messageType)) {
            return IntercomErrors.badParameter("message_type must be one of " + String.join(", ", allowed));
        }
        for (String list : List.of("attachment_urls", "attachment_files")) {
            JsonNode node = in.get(list);
            if (node != null && !node.isNull() && (!node.isArray() || node.size() > 10)) {
                return IntercomErrors.badParameter(list + " must be an array of at most 10 items");
            }
        }
        JsonNode bodyNode = in.get("body");
        if (bodyNode != null && !bodyNode.isNull() && !bodyNode.isString()) {
            return IntercomErrors.badParameter("body must be a string");
        }
        String body = bodyNode == null || bodyNode.isNull() ? "" : bodyNode.stringValue();
        boolean hasAttachments = in.path("attachment_urls").size() > 0 || in.path("attachment_files").size() > 0;
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode url : in.path("attachment_urls")) {
            if (!url.isString() || !url.stringValue().matches("(?i)https?://\\S+")) {
                return IntercomErrors.badParameter("attachment_urls must be URLs");
            }
            attachments.add(fromUrl(url.stringValue()));
        }
        if (messageType.equals("quick_reply")) {
            if (!in.path("reply_options").isArray() || in.path("reply_options").isEmpty()) {
                return IntercomErrors.missingParameter("reply_options is required for quick_reply");
            }
        } else if (body.isBlank() && !hasAttachments) {
            return IntercomErrors.missingParameter("body is required");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > settings.maxBodyBytes()) {
            return IntercomErrors.badParameter("body is larger than " + settings.maxBodyBytes() + " bytes");
        }
        Optional<WebhookQueue.Job> job;
        Reply reply;
        synchronized (r.workspace()) {
            IntercomWorkspace w = r.workspace();
            Instant now = clock.instant();
            IntercomWorkspace.Part part;
            IntercomWorkspace.Conversation c;
            String topic;
            if (type.equals("admin")) {
                JsonNode adminId = in.get("admin_id");
                if (adminId == null || adminId.isNull()) {
                    return IntercomErrors.missingParameter("admin_id is required");
                }
                IntercomWorkspace.Admin admin = w.admins.get(adminId.asString(""));
                if (admin == null) {
                    return IntercomErrors.error(404, "admin_not_found", "Admin not found");
                }
                c = conversation(w, p.get("conversation_id"));
                if (c == null) {
                    return IntercomErrors.notFound("Resource Not Found");
                }
                part = new IntercomWorkspace.Part(w.newPartId(), messageType.equals("quick_reply") ? "quick_reply" : messageType,
                    body, "admin", admin.id(), admin.name(), admin.email(), settings.appPackageCode(), now, attachments);
                topic = messageType.equals("note") ? "conversation.admin.noted" : "conversation.admin.replied";
                if (!messageType.equals("note")) {
                    c.waitingSince = null;
                }
            } else {
                IntercomWorkspace.Contact contact = contactFor(w, in);
                if (contact == null) {
                    return IntercomErrors.notFound("User Not Found");
                }
                String id = p.get("conversation_id");
                c = id.equals("last") ? w.conversations.values().stream().filter(x -> x.contact.id().equals(contact.id()))
                    .reduce((a, b) -> b).orElse(null) : conversation(w, id);
                if (c == null || !c.contact.id().equals(contact.id())) {
                    return IntercomErrors.notFound("Resource Not Found");
                }
                part = new IntercomWorkspace.Part(w.newPartId(), "comment", body, "user", contact.id(), contact.name(),
                    contact.email(), settings.appPackageCode(), now, attachments);
                topic = "conversation.user.replied";
                c.state = "open";
                c.waitingSince = now;
            }
            c.parts.add(part);
            c.updatedAt = now;
            job = deliveries.conversationEvent(w, c, topic, part);
            reply = Reply.json(200, IntercomJson.conversation(c, c.parts, false));
        }
        deliveries.send(job);
        return reply;
    }

    private static IntercomWorkspace.Contact contactFor(IntercomWorkspace w, JsonNode in) {
        for (String key : List.of("intercom_user_id", "user_id")) {
            if (in.hasNonNull(key)) {
                return w.contacts.get(in.get(key).asString(""));
            }
        }
        if (in.hasNonNull("email")) {
            String email = in.get("email").asString("");
            return w.contacts.values().stream().filter(c -> c.email().equalsIgnoreCase(email)).findFirst().orElse(null);
        }
        return null;
    }

    private Reply showContact(Request r, Map<String, String> p) {
        synchronized (r.workspace()) {
            IntercomWorkspace.Contact c = r.workspace().contacts.get(p.get("contact_id"));
            return c == null ? IntercomErrors.notFound("User Not Found") : Reply.json(200, IntercomJson.contact(settings, c));
        }
    }

    private Reply uninstall(Request r, Map<String, String> p) {
        synchronized (r.workspace()) {
            Instant now = clock.instant();
            r.workspace().tokens.values().forEach(t -> {
                if (t.revokedAt == null) {
                    t.revokedAt = now;
                }
            });
            r.workspace().installed = false;
            r.workspace().uninstalled = true;
        }
        onUninstall.run();
        return settings.uninstallJsonResponse() ? Reply.json(200, Json.object()) : Reply.empty(200);
    }

    static IntercomWorkspace.Conversation conversation(IntercomWorkspace w, String id) {
        try {
            return w.conversations.get(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * What Intercom keeps of a file it fetched from an {@code attachment_urls} entry. The simulator fetches nothing:
     * the name is the URL's last path segment, the content type guessed from it, the size 0 and the URL kept as given.
     */
    static Attachment fromUrl(String url) {
        String path = url.replaceFirst("[?#].*$", "");
        String name = path.substring(path.lastIndexOf('/') + 1);
        try {
            name = java.net.URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // keep the segment as written
        }
        String type = java.net.URLConnection.guessContentTypeFromName(name);
        return new Attachment(name, type, 0, url);
    }

    static String paragraph(String text) {
        return "<p>" + Html.escape(text).replace("\n", "<br>") + "</p>";
    }
}
