package dev.deskloop.writeback;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.deskloop.helpdesk.HelpdeskWrite;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Outbox payloads as JSON: {@code {"type": "internal_note" | "public_reply" | "field_update", ...}}. */
final class OutboxPayloads {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OutboxPayloads() {
    }

    static String write(HelpdeskWrite write) {
        ObjectNode root = JSON.createObjectNode();
        switch (write) {
            case HelpdeskWrite.InternalNote note -> root.put("type", "internal_note").put("html", note.html());
            case HelpdeskWrite.PublicReply reply -> root.put("type", "public_reply").put("html", reply.html());
            case HelpdeskWrite.FieldUpdate update -> {
                root.put("type", "field_update");
                ObjectNode values = root.putObject("values");
                update.values().forEach(values::put);
            }
        }
        return JSON.writeValueAsString(root);
    }

    static HelpdeskWrite read(String json) {
        JsonNode root = JSON.readTree(json);
        return switch (root.path("type").asString("")) {
            case "internal_note" -> new HelpdeskWrite.InternalNote(root.path("html").asString(""));
            case "public_reply" -> new HelpdeskWrite.PublicReply(root.path("html").asString(""));
            case "field_update" -> {
                Map<String, String> values = new LinkedHashMap<>();
                root.path("values").properties().forEach(e -> values.put(e.getKey(), e.getValue().asString("")));
                yield new HelpdeskWrite.FieldUpdate(values);
            }
            default -> throw new IllegalStateException("unknown outbox payload type " + root.path("type"));
        };
    }
}
