package dev.deskloop.triage.json;

import dev.deskloop.triage.CatalogService;
import dev.deskloop.triage.Category;
import dev.deskloop.triage.Requester;
import dev.deskloop.triage.ServiceCatalog;
import dev.deskloop.triage.Severity;
import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.TicketMessage;
import dev.deskloop.triage.TimeWindow;
import dev.deskloop.triage.Triage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The wire format of the triage contract (PRODUCT.md, F4): reads {@code TicketDocument} JSON and the service
 * catalog YAML, writes {@code Triage} JSON with the contract's snake_case field names. Errors name the field.
 * Thread-safe.
 */
public final class TriageJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private TriageJson() {
    }

    /** Parses one JSON document; throws {@link InvalidInputException} for malformed or invalid input. */
    public static TicketDocument readDocument(String json) {
        return readDocument(parse(json));
    }

    /** Parses JSON text into a tree; throws {@link InvalidInputException} when it is not JSON. */
    public static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidInputException(null, "empty input, expected a JSON object");
        }
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidInputException(null, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Reads a document from a parsed tree. */
    public static TicketDocument readDocument(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(null, "expected a JSON object");
        }
        String id = optionalScalar(root, "id", "id");
        String sourceName = optionalString(root, "source", "source");
        TicketDocument.Source source;
        try {
            source = sourceName == null ? TicketDocument.Source.OTHER : TicketDocument.Source.fromWireName(sourceName);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("source", e.getMessage());
        }
        String subject = optionalString(root, "subject", "subject");
        Instant createdAt = instant(root.get("created_at"), "created_at", true);
        Requester requester = Requester.unknown();
        JsonNode requesterNode = root.get("requester");
        if (requesterNode != null && !requesterNode.isNull()) {
            if (!requesterNode.isObject()) {
                throw new InvalidInputException("requester", "expected an object with name and email");
            }
            requester = new Requester(optionalString(requesterNode, "name", "requester.name"),
                    optionalString(requesterNode, "email", "requester.email"));
        }
        List<String> tags = new ArrayList<>();
        JsonNode tagsNode = root.get("tags");
        if (tagsNode != null && !tagsNode.isNull()) {
            if (!tagsNode.isArray()) {
                throw new InvalidInputException("tags", "expected an array of strings");
            }
            for (int i = 0; i < tagsNode.size(); i++) {
                if (!tagsNode.get(i).isString()) {
                    throw new InvalidInputException("tags[" + i + "]", "expected a string");
                }
                tags.add(tagsNode.get(i).stringValue());
            }
        }
        List<TicketMessage> messages = new ArrayList<>();
        JsonNode messagesNode = root.get("messages");
        if (messagesNode == null || messagesNode.isNull()) {
            throw new InvalidInputException("messages", "missing, expected an array of messages");
        }
        if (!messagesNode.isArray()) {
            throw new InvalidInputException("messages", "expected an array of messages");
        }
        for (int i = 0; i < messagesNode.size(); i++) {
            messages.add(message(messagesNode.get(i), "messages[" + i + "]"));
        }
        return new TicketDocument(id, source, subject, createdAt, requester, tags, messages);
    }

    private static TicketMessage message(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidInputException(path, "expected an object");
        }
        String authorName = optionalString(node, "author", path + ".author");
        if (authorName == null) {
            throw new InvalidInputException(path + ".author", "missing, expected customer, agent or bot");
        }
        TicketMessage.Author author;
        try {
            author = TicketMessage.Author.fromWireName(authorName);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path + ".author", e.getMessage());
        }
        boolean isPublic = true;
        JsonNode publicNode = node.get("public");
        if (publicNode != null && !publicNode.isNull()) {
            if (!publicNode.isBoolean()) {
                throw new InvalidInputException(path + ".public", "expected true or false");
            }
            isPublic = publicNode.booleanValue();
        }
        String body = optionalString(node, "body", path + ".body");
        Instant createdAt = instant(node.get("created_at"), path + ".created_at", false);
        return new TicketMessage(author, isPublic, body == null ? "" : body, createdAt);
    }

    private static String optionalString(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidInputException(path, "expected a string");
        }
        return value.stringValue();
    }

    private static String optionalScalar(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isIntegralNumber()) {
            return value.asString();
        }
        throw new InvalidInputException(path, "expected a string or an integer");
    }

    private static Instant instant(JsonNode value, String path, boolean required) {
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidInputException(path, "missing, expected an ISO-8601 time such as 2026-03-14T09:12:00Z");
            }
            return null;
        }
        if (!value.isString()) {
            throw new InvalidInputException(path, "expected an ISO-8601 time such as 2026-03-14T09:12:00Z");
        }
        return parseInstant(value.stringValue(), path);
    }

    static Instant parseInstant(String text, String path) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new InvalidInputException(path, "'" + text + "' is not an ISO-8601 time with a zone, such as "
                        + "2026-03-14T09:12:00Z");
            }
        }
    }

    /** The contract's JSON for a triage, on one line. */
    public static String writeTriage(Triage triage) {
        return JSON.writeValueAsString(toNode(triage));
    }

    /** The contract's JSON tree for a triage, fields in the contract's order. */
    public static ObjectNode toNode(Triage triage) {
        ObjectNode node = JSON.createObjectNode();
        node.put("category", triage.category().wireName());
        node.put("is_bug", triage.isBug());
        if (triage.severity() == null) {
            node.putNull("severity");
        } else {
            node.put("severity", triage.severity().wireName());
        }
        node.put("confidence", Math.round(triage.confidence() * 1000) / 1000.0);
        ArrayNode steps = node.putArray("repro_steps");
        triage.reproSteps().forEach(steps::add);
        putNullable(node, "expected", triage.expected());
        putNullable(node, "actual", triage.actual());
        putNullable(node, "customer_impact", triage.customerImpact());
        node.put("customer_quote", triage.customerQuote());
        putNullable(node, "affected_service", triage.affectedService());
        ObjectNode window = node.putObject("time_window");
        window.put("start", triage.timeWindow().start().toString());
        window.put("end", triage.timeWindow().end().toString());
        node.put("engine", triage.engine());
        return node;
    }

    private static void putNullable(ObjectNode node, String name, String value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    /** Reads a triage written by {@link #writeTriage}. */
    public static Triage readTriage(String json) {
        JsonNode node = parse(json);
        try {
            Category category = Category.fromWireName(requiredString(node, "category"));
            String severityName = optionalString(node, "severity", "severity");
            List<String> steps = new ArrayList<>();
            JsonNode stepsNode = node.get("repro_steps");
            if (stepsNode != null && stepsNode.isArray()) {
                stepsNode.forEach(step -> steps.add(step.asString()));
            }
            JsonNode window = node.get("time_window");
            if (window == null || !window.isObject()) {
                throw new InvalidInputException("time_window", "missing, expected {start, end}");
            }
            return new Triage(category, category == Category.BUG,
                    severityName == null ? null : Severity.fromWireName(severityName),
                    node.path("confidence").asDouble(0.0), steps, optionalString(node, "expected", "expected"),
                    optionalString(node, "actual", "actual"),
                    optionalString(node, "customer_impact", "customer_impact"),
                    optionalString(node, "customer_quote", "customer_quote"),
                    optionalString(node, "affected_service", "affected_service"),
                    new TimeWindow(instant(window.get("start"), "time_window.start", true),
                            instant(window.get("end"), "time_window.end", true)),
                    requiredString(node, "engine"));
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(null, e.getMessage());
        }
    }

    private static String requiredString(JsonNode node, String name) {
        String value = optionalString(node, name, name);
        if (value == null) {
            throw new InvalidInputException(name, "missing");
        }
        return value;
    }

    /** Reads a service catalog file ({@code services: [{name, description, keywords}]}). */
    public static ServiceCatalog readCatalog(Path file) throws IOException {
        return readCatalog(Files.readString(file));
    }

    /** Reads a service catalog from YAML text; {@code services: []} is a valid, empty catalog. */
    public static ServiceCatalog readCatalog(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new InvalidInputException(null, "not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.has("services")) {
            throw new InvalidInputException("services", "missing, expected services: [{name, description, keywords}]");
        }
        JsonNode list = root.get("services");
        if (list.isNull()) {
            return ServiceCatalog.empty();
        }
        if (!list.isArray()) {
            throw new InvalidInputException("services", "expected a list");
        }
        List<CatalogService> services = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String path = "services[" + i + "]";
            if (!entry.isObject()) {
                throw new InvalidInputException(path, "expected {name, description, keywords}");
            }
            String name = optionalScalar(entry, "name", path + ".name");
            if (name == null || name.isBlank()) {
                throw new InvalidInputException(path + ".name", "missing");
            }
            String description = optionalString(entry, "description", path + ".description");
            List<String> keywords = new ArrayList<>();
            JsonNode keywordsNode = entry.get("keywords");
            if (keywordsNode != null && !keywordsNode.isNull()) {
                if (!keywordsNode.isArray()) {
                    throw new InvalidInputException(path + ".keywords", "expected a list of strings");
                }
                for (int k = 0; k < keywordsNode.size(); k++) {
                    JsonNode keyword = keywordsNode.get(k);
                    if (!keyword.isValueNode() || keyword.isNull()) {
                        throw new InvalidInputException(path + ".keywords[" + k + "]", "expected a string");
                    }
                    keywords.add(keyword.asString());
                }
            }
            services.add(new CatalogService(name, description, keywords));
        }
        try {
            return new ServiceCatalog(services);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("services", e.getMessage());
        }
    }
}
