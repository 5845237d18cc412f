package dev.deskloop.simulator.http;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The simulator's one JSON mapper and the few tree operations the providers need. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    public static String text(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    public static String pretty(JsonNode node) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    /** Parses a body; empty when it is not JSON at all. */
    public static Optional<JsonNode> parse(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(body));
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    public static Optional<JsonNode> parse(String body) {
        return parse(body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A string field's value, or empty when absent, null or not a string. */
    public static Optional<String> string(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
    }

    public static JsonNode valueOf(Object value) {
        return MAPPER.valueToTree(value);
    }
}
