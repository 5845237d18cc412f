package dev.deskloop.simulator.intercom;

import dev.deskloop.simulator.Attachment;
import dev.deskloop.simulator.http.Html;
import dev.deskloop.simulator.http.Json;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders simulated objects as Intercom 2.14 JSON (schemas {@code admin_with_app}, {@code conversation}, {@code contact}). */
final class IntercomJson {

    private IntercomJson() {
    }

    static ObjectNode me(IntercomSettings settings, IntercomWorkspace w) {
        IntercomWorkspace.Admin admin = w.installer;
        ObjectNode o = Json.object();
        o.put("type", "admin");
        o.put("id", admin.id());
        o.put("email", admin.email());
        o.put("name", admin.name());
        o.put("email_verified", true);
        ObjectNode app = o.putObject("app");
        app.put("type", "app");
        app.put("id_code", settings.appIdCode());
        app.put("name", "Simulated Workspace");
        app.put("created_at", w.createdAt.getEpochSecond());
        app.put("secure", false);
        app.put("identity_verification", false);
        app.put("timezone", w.timezone);
        app.put("region", "US");
        o.putObject("avatar").put("type", "avatar").put("image_url",
            "https://static.intercomassets.com/assets/default-avatars/admins/128.png");
        o.put("has_inbox_seat", true);
        return o;
    }

    static ObjectNode admin(IntercomWorkspace.Admin admin) {
        ObjectNode o = Json.object();
        o.put("type", "admin");
        o.put("id", admin.id());
        o.put("name", admin.name());
        o.put("email", admin.email());
        o.put("away_mode_enabled", false);
        o.put("away_mode_reassign", false);
        o.put("has_inbox_seat", true);
        o.putArray("team_ids");
        return o;
    }

    static ObjectNode conversation(IntercomWorkspace.Conversation c, List<IntercomWorkspace.Part> parts, boolean plaintext) {
        ObjectNode o = Json.object();
        o.put("type", "conversation");
        o.put("id", Long.toString(c.id));
        if (c.title == null) {
            o.putNull("title");
        } else {
            o.put("title", c.title);
        }
        o.put("created_at", c.createdAt.getEpochSecond());
        o.put("updated_at", c.updatedAt.getEpochSecond());
        if (c.waitingSince == null) {
            o.putNull("waiting_since");
        } else {
            o.put("waiting_since", c.waitingSince.getEpochSecond());
        }
        o.putNull("snoozed_until");
        ObjectNode source = o.putObject("source");
        source.put("type", "conversation");
        source.put("id", c.sourceId);
        source.put("delivered_as", "customer_initiated");
        source.put("subject", c.subject);
        source.put("body", plaintext ? text(c.sourceBody) : c.sourceBody);
        ObjectNode author = source.putObject("author");
        author.put("type", "user");
        author.put("id", c.contact.id());
        author.put("name", c.contact.name());
        author.put("email", c.contact.email());
        attachments(source.putArray("attachments"), c.sourceAttachments);
        source.putNull("url");
        source.put("redacted", false);
        ObjectNode contacts = o.putObject("contacts");
        contacts.put("type", "contact.list");
        contacts.putArray("contacts").addObject().put("type", "contact").put("id", c.contact.id()).putNull("external_id");
        o.putNull("first_contact_reply");
        o.putNull("admin_assignee_id");
        o.putNull("team_assignee_id");
        o.put("open", !"closed".equals(c.state));
        o.put("state", c.state);
        o.put("read", c.read);
        ObjectNode tags = o.putObject("tags");
        tags.put("type", "tag.list");
        ArrayNode tagList = tags.putArray("tags");
        for (IntercomWorkspace.Tag tag : c.tags) {
            ObjectNode t = tagList.addObject().put("type", "tag").put("id", tag.id()).put("name", tag.name())
                .put("applied_at", tag.appliedAt().getEpochSecond());
            t.putObject("applied_by").put("type", "contact").put("id", c.contact.id());
        }
        o.put("priority", "not_priority");
        o.putNull("sla_applied");
        o.putNull("statistics");
        o.putNull("conversation_rating");
        o.putObject("teammates").put("type", "admin.list").putArray("teammates");
        ObjectNode attributes = o.putObject("custom_attributes");
        for (Map.Entry<String, JsonNode> e : c.customAttributes.entrySet()) {
            attributes.set(e.getKey(), e.getValue());
        }
        o.putObject("topics");
        o.putNull("ticket");
        ObjectNode linked = o.putObject("linked_objects");
        linked.put("type", "list");
        linked.putArray("data");
        linked.put("total_count", 0);
        linked.put("has_more", false);
        o.putNull("ai_agent");
        o.put("ai_agent_participated", false);
        ObjectNode partList = o.putObject("conversation_parts");
        partList.put("type", "conversation_part.list");
        ArrayNode array = partList.putArray("conversation_parts");
        parts.forEach(p -> array.add(part(p, plaintext)));
        partList.put("total_count", parts.size());
        return o;
    }

    static ObjectNode part(IntercomWorkspace.Part p, boolean plaintext) {
        ObjectNode o = Json.object();
        o.put("type", "conversation_part");
        o.put("id", p.id);
        o.put("part_type", p.partType);
        o.put("body", plaintext ? text(p.body) : p.body);
        o.put("created_at", p.createdAt.getEpochSecond());
        o.put("updated_at", p.createdAt.getEpochSecond());
        o.put("notified_at", p.createdAt.getEpochSecond());
        o.putNull("assigned_to");
        ObjectNode author = o.putObject("author");
        author.put("id", p.authorId);
        author.put("type", p.authorType);
        author.put("name", p.authorName);
        author.put("email", p.authorEmail);
        attachments(o.putArray("attachments"), p.attachments);
        o.putNull("external_id");
        o.put("redacted", false);
        o.putObject("metadata");
        o.putNull("email_message_metadata");
        if (p.appPackageCode == null) {
            o.putNull("app_package_code");
        } else {
            o.put("app_package_code", p.appPackageCode);
        }
        return o;
    }

    /**
     * Schema {@code part_attachment}: {@code width}/{@code height} (integers) are left out because the simulator
     * decodes no images.
     */
    static void attachments(ArrayNode array, List<Attachment> attachments) {
        for (Attachment a : attachments) {
            ObjectNode o = array.addObject();
            o.put("type", "upload");
            o.put("name", a.name());
            o.put("url", a.url());
            o.put("content_type", a.contentType());
            o.put("filesize", a.size());
        }
    }

    static ObjectNode contact(IntercomSettings settings, IntercomWorkspace.Contact c) {
        ObjectNode o = Json.object();
        o.put("type", "contact");
        o.put("id", c.id());
        o.putNull("external_id");
        o.put("workspace_id", settings.appIdCode());
        o.put("role", "user");
        o.put("email", c.email());
        o.put("email_domain", c.email().substring(c.email().indexOf('@') + 1));
        o.putNull("phone");
        o.put("name", c.name());
        o.putNull("owner_id");
        o.put("has_hard_bounced", false);
        o.put("marked_email_as_spam", false);
        o.put("unsubscribed_from_emails", false);
        o.put("created_at", c.createdAt().getEpochSecond());
        o.put("updated_at", c.createdAt().getEpochSecond());
        o.put("signed_up_at", c.createdAt().getEpochSecond());
        o.putNull("last_seen_at");
        o.putNull("last_replied_at");
        o.putNull("last_contacted_at");
        o.putNull("last_email_opened_at");
        o.putNull("last_email_clicked_at");
        o.putNull("language_override");
        o.putNull("browser");
        o.putNull("browser_version");
        o.putNull("browser_language");
        o.putNull("os");
        o.putObject("custom_attributes");
        o.putNull("avatar");
        for (String list : List.of("tags", "notes", "companies")) {
            ObjectNode node = o.putObject(list);
            node.put("type", "list");
            node.putArray("data");
            // Intercom sends these URLs relative, although the 2.14 schema says format: uri.
            node.put("url", "/contacts/" + c.id() + "/" + list);
            node.put("total_count", 0);
            node.put("has_more", false);
        }
        ObjectNode location = o.putObject("location");
        location.put("type", "location");
        location.putNull("country");
        location.putNull("region");
        location.putNull("city");
        o.putObject("social_profiles").put("type", "list").putArray("data");
        o.putNull("enabled_push_messaging");
        return o;
    }

    /** Intercom's {@code display_as=plaintext}: HTML bodies rendered as text. */
    static String text(String html) {
        return html == null ? null : Html.text(html, "(?i)<br\\s*/?>|</p>");
    }
}
