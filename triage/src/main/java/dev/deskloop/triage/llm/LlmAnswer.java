package dev.deskloop.triage.llm;

import dev.deskloop.triage.Category;
import dev.deskloop.triage.Severity;
import dev.deskloop.triage.TimeWindow;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chat model's answer, checked against the response schema. Anything that is not JSON, misses a field or has a
 * value of the wrong type or outside its enumeration is {@link Invalid}; the engine then falls back.
 */
sealed interface LlmAnswer {

    /** A well-formed answer; {@code severity}, {@code service} and {@code timeWindow} may still need repair. */
    record Valid(Category category, Severity severity, double confidence, List<String> reproSteps, String expected,
                 String actual, String customerImpact, String customerQuote, String service, TimeWindow timeWindow)
            implements LlmAnswer {
    }

    /** An answer that breaks the schema, with the reason. */
    record Invalid(String reason) implements LlmAnswer {
    }

    Set<String> FIELDS = Set.of("category", "severity", "confidence", "repro_steps", "expected", "actual",
            "customer_impact", "customer_quote", "affected_service", "time_window");
    JsonMapper JSON = JsonMapper.builder().build();

    static LlmAnswer parse(String text) {
        if (text == null || text.isBlank()) {
            return new Invalid("empty answer");
        }
        String json = text.strip();
        if (json.startsWith("```")) {
            // Some local models wrap JSON in a Markdown fence even when asked not to.
            json = json.replaceAll("^```(?:json)?\\s*", "").replaceAll("\\s*```$", "");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            return new Invalid("answer is not JSON");
        }
        if (root == null || !root.isObject()) {
            return new Invalid("answer is not a JSON object");
        }
        for (String field : FIELDS) {
            if (!root.has(field)) {
                return new Invalid("answer misses field " + field);
            }
        }
        try {
            Category category = Category.fromWireName(string(root, "category", false));
            String severityName = string(root, "severity", true);
            Severity severity = severityName == null ? null : Severity.fromWireName(severityName);
            JsonNode confidenceNode = root.get("confidence");
            if (!confidenceNode.isNumber()) {
                return new Invalid("confidence is not a number");
            }
            double confidence = confidenceNode.asDouble();
            if (!(confidence >= 0 && confidence <= 1)) {
                return new Invalid("confidence outside [0, 1]");
            }
            JsonNode stepsNode = root.get("repro_steps");
            if (!stepsNode.isArray()) {
                return new Invalid("repro_steps is not an array");
            }
            List<String> steps = new ArrayList<>();
            for (JsonNode step : stepsNode) {
                if (!step.isString()) {
                    return new Invalid("repro_steps holds a non-string");
                }
                steps.add(step.stringValue());
            }
            TimeWindow window = null;
            JsonNode windowNode = root.get("time_window");
            if (!windowNode.isNull()) {
                if (!windowNode.isObject()) {
                    return new Invalid("time_window is not an object");
                }
                Instant start = Instant.parse(string(windowNode, "start", false));
                Instant end = Instant.parse(string(windowNode, "end", false));
                if (start.isAfter(end)) {
                    return new Invalid("time_window starts after it ends");
                }
                window = new TimeWindow(start, end);
            }
            String quote = string(root, "customer_quote", true);
            return new Valid(category, severity, confidence, steps, string(root, "expected", true),
                    string(root, "actual", true), string(root, "customer_impact", true), quote == null ? "" : quote,
                    string(root, "affected_service", true), window);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new Invalid(e.getMessage());
        }
    }

    private static String string(JsonNode node, String field, boolean nullable) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (nullable) {
                return null;
            }
            throw new IllegalArgumentException(field + " is missing or null");
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(field + " is not a string");
        }
        return value.stringValue();
    }
}
