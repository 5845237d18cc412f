package dev.deskloop.simulator.zendesk;

import dev.deskloop.simulator.http.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders simulated objects as Zendesk's JSON. Properties that Zendesk sends as {@code null} but the
 * published OpenAPI declares non-nullable (e.g. {@code assignee_id}) are left out, so responses
 * validate; a client that maps absent and null alike sees no difference.
 */
final class ZendeskJson {

    private ZendeskJson() {
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static ObjectNode ticket(String root, ZendeskAccount.Ticket t) {
        ObjectNode o = Json.object();
        o.put("url", root + "/api/v2/tickets/" + t.id + ".json");
        o.put("id", t.id);
        ObjectNode via = o.putObject("via");
        via.put("channel", "web");
        ObjectNode source = via.putObject("source");
        source.putObject("from");
        source.putObject("to");
        source.putNull("rel");
        o.put("created_at", time(t.createdAt));
        o.put("updated_at", time(t.updatedAt));
        o.put("generated_timestamp", t.updatedAt.getEpochSecond());
        if (t.type != null) {
            o.put("type", t.type);
        }
        o.put("subject", t.subject);
        o.put("raw_subject", t.subject);
        o.put("description", t.description);
        if (t.priority != null) {
            o.put("priority", t.priority);
        }
        o.put("status", t.status);
        o.put("requester_id", t.requesterId);
        o.put("submitter_id", t.submitterId);
        if (t.assigneeId != null) {
            o.put("assignee_id", t.assigneeId);
        }
        o.putArray("collaborator_ids");
        o.putArray("follower_ids");
        o.putArray("email_cc_ids");
        o.put("has_incidents", false);
        o.put("is_public", t.comments.isEmpty() || t.comments.getFirst().isPublic);
        o.putNull("due_at");
        ArrayNode tags = o.putArray("tags");
        t.tags.forEach(tags::add);
        ArrayNode customFields = o.putArray("custom_fields");
        ArrayNode fields = o.putArray("fields");
        for (Map.Entry<Long, JsonNode> e : t.customFields.entrySet()) {
            customFields.addObject().put("id", e.getKey()).set("value", e.getValue());
            fields.addObject().put("id", e.getKey()).set("value", e.getValue());
        }
        o.putArray("sharing_agreement_ids");
        o.putArray("followup_ids");
        o.put("allow_channelback", false);
        o.put("allow_attachments", true);
        o.put("from_messaging_channel", false);
        return o;
    }

    /** Rails (ActiveSupport) names Zendesk gives some IANA zones in {@code time_zone}; the others are their city. */
    private static final Map<String, String> RAILS_ZONES = Map.of(
        "Etc/UTC", "UTC",
        "America/New_York", "Eastern Time (US & Canada)",
        "America/Chicago", "Central Time (US & Canada)",
        "America/Denver", "Mountain Time (US & Canada)",
        "America/Phoenix", "Arizona",
        "America/Los_Angeles", "Pacific Time (US & Canada)",
        "America/Anchorage", "Alaska",
        "Pacific/Honolulu", "Hawaii",
        "Asia/Kolkata", "New Delhi");

    /**
     * The user's {@code time_zone} as Zendesk writes it: a Rails name ("Eastern Time (US & Canada)", "Berlin"), not
     * the IANA id, which is {@code iana_time_zone}.
     */
    static String railsZone(String ianaZone) {
        String named = RAILS_ZONES.get(ianaZone);
        if (named != null) {
            return named;
        }
        return ianaZone.substring(ianaZone.lastIndexOf('/') + 1).replace('_', ' ');
    }

    static ObjectNode user(String root, ZendeskAccount.User u) {
        ObjectNode o = Json.object();
        o.put("id", u.id);
        o.put("url", root + "/api/v2/users/" + u.id + ".json");
        o.put("name", u.name);
        o.put("email", u.email);
        o.put("created_at", time(u.createdAt));
        o.put("updated_at", time(u.updatedAt));
        o.put("time_zone", railsZone(u.ianaZone));
        o.put("iana_time_zone", u.ianaZone);
        o.putNull("phone");
        o.putNull("shared_phone_number");
        o.putNull("photo");
        o.put("locale_id", 1);
        o.put("locale", "en-US");
        o.putNull("organization_id");
        o.put("role", u.role);
        o.put("verified", true);
        o.putNull("external_id");
        o.putArray("tags");
        o.put("alias", "");
        o.put("active", true);
        o.put("shared", false);
        o.put("shared_agent", false);
        o.putNull("two_factor_auth_enabled");
        o.put("signature", "");
        o.put("details", "");
        o.put("notes", "");
        o.putNull("role_type");
        o.putNull("custom_role_id");
        o.put("moderator", !u.role.equals("end-user"));
        o.putNull("ticket_restriction");
        o.put("only_private_comments", false);
        o.put("restricted_agent", false);
        o.put("suspended", false);
        o.putObject("user_fields");
        return o;
    }

    static ObjectNode comment(String root, ZendeskAccount.Comment c) {
        ObjectNode o = Json.object();
        o.put("id", c.id);
        o.put("type", "Comment");
        o.put("author_id", c.authorId);
        o.put("body", c.body);
        o.put("html_body", c.htmlBody);
        o.put("plain_body", c.body);
        o.put("public", c.isPublic);
        ArrayNode attachments = o.putArray("attachments");
        c.attachments.forEach(f -> attachments.add(attachment(root, f)));
        o.put("audit_id", c.auditId);
        ObjectNode via = o.putObject("via");
        via.put("channel", c.throughApi ? "api" : "web");
        ObjectNode source = via.putObject("source");
        source.putObject("from");
        source.putObject("to");
        source.putNull("rel");
        o.put("created_at", time(c.createdAt));
        ObjectNode metadata = o.putObject("metadata");
        metadata.putObject("system").put("client", c.throughApi ? "Deskloop" : "Mozilla/5.0");
        metadata.putObject("custom");
        return o;
    }

    /**
     * Schema {@code AttachmentObject}. {@code width}/{@code height} (strings, null when unknown) are left out, as are
     * other unset values; {@code url} (the attachment's API resource) is not served.
     */
    static ObjectNode attachment(String root, ZendeskAccount.File f) {
        ObjectNode o = Json.object();
        o.put("url", root + "/api/v2/attachments/" + f.id() + ".json");
        o.put("id", f.id());
        o.put("file_name", f.metadata().name());
        o.put("content_url", f.metadata().url());
        o.put("mapped_content_url", f.metadata().url());
        o.put("content_type", f.metadata().contentType());
        o.put("size", f.metadata().size());
        o.put("inline", false);
        o.put("deleted", false);
        o.put("malware_access_override", false);
        o.put("malware_scan_result", "malware_not_found");
        o.putArray("thumbnails");
        return o;
    }

    static ObjectNode webhook(ZendeskAccount.Webhook w) {
        ObjectNode o = Json.object();
        o.put("id", w.id);
        o.put("name", w.name);
        if (w.description != null) {
            o.put("description", w.description);
        }
        o.put("status", w.status);
        ArrayNode subs = o.putArray("subscriptions");
        w.subscriptions.forEach(subs::add);
        o.put("endpoint", w.endpoint);
        o.put("http_method", w.httpMethod);
        o.put("request_format", w.requestFormat);
        if (w.authentication != null && w.authentication.isObject()) {
            // Zendesk never echoes credentials back, only the kind and position.
            ObjectNode auth = o.putObject("authentication");
            auth.put("type", w.authentication.path("type").asString(""));
            auth.put("add_position", w.authentication.path("add_position").asString("header"));
        }
        if (!w.customHeaders.isEmpty()) {
            ObjectNode headers = o.putObject("custom_headers");
            w.customHeaders.forEach(headers::put);
        }
        o.put("created_at", time(w.createdAt));
        o.put("created_by", w.createdBy);
        o.put("updated_at", time(w.updatedAt));
        o.put("updated_by", w.createdBy);
        return o;
    }

    static ObjectNode trigger(String root, ZendeskAccount.Trigger t) {
        ObjectNode o = Json.object();
        o.put("url", root + "/api/v2/triggers/" + t.id + ".json");
        o.put("id", t.id);
        o.put("title", t.title);
        o.put("raw_title", t.title);
        o.put("active", t.active);
        o.put("position", t.position);
        o.set("conditions", t.conditions);
        o.set("actions", t.actions);
        if (t.description != null) {
            o.put("description", t.description);
        }
        if (t.categoryId != null) {
            o.put("category_id", t.categoryId);
        }
        o.put("default", false);
        o.put("created_at", time(t.createdAt));
        o.put("updated_at", time(t.updatedAt));
        return o;
    }

    static ObjectNode ticketField(String root, ZendeskAccount.TicketField f) {
        ObjectNode o = Json.object();
        o.put("url", root + "/api/v2/ticket_fields/" + f.id + ".json");
        o.put("id", f.id);
        o.put("type", f.type);
        o.put("title", f.title);
        o.put("raw_title", f.title);
        o.put("description", "");
        o.put("raw_description", "");
        o.put("position", 0);
        o.put("active", true);
        o.put("required", false);
        o.put("visible_in_portal", false);
        o.put("editable_in_portal", false);
        o.put("required_in_portal", false);
        o.put("removable", true);
        o.put("key", "deskloop_" + f.id);
        o.put("created_at", time(f.createdAt));
        o.put("updated_at", time(f.createdAt));
        return o;
    }
}
