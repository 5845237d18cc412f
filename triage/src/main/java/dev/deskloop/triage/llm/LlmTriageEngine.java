package dev.deskloop.triage.llm;

import dev.deskloop.triage.Category;
import dev.deskloop.triage.LlmSettings;
import dev.deskloop.triage.Severity;
import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.TimeWindow;
import dev.deskloop.triage.Triage;
import dev.deskloop.triage.TriageContext;
import dev.deskloop.triage.TriageEngine;
import dev.deskloop.triage.text.NormalizedTicket;
import dev.deskloop.triage.text.TicketNormalizer;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Triage by an OpenAI-compatible chat model with a strict JSON schema. Personal data is redacted and the ticket is
 * sent as delimited data; the answer is validated. On a transport error, timeout, HTTP error or an answer that
 * breaks the schema, the fallback engine answers and {@code engine} names both, e.g.
 * {@code builtin/0.2.0 (fallback from llm/llama3.1: timeout)}. Small defects of a valid answer (a service that is not
 * in the catalog, a quote that is not verbatim, a missing severity) are repaired from the fallback engine's result.
 */
public final class LlmTriageEngine implements TriageEngine {

    private static final ResponseFormat RESPONSE_FORMAT = ResponseFormat.builder()
            .type(ResponseFormatType.JSON)
            .jsonSchema(JsonSchema.builder().name("triage").rootElement(schema()).build())
            .build();
    private static final Duration MAX_WINDOW = Duration.ofDays(60);

    private final ChatModel model;
    private final String name;
    private final TriageEngine fallback;

    public LlmTriageEngine(LlmSettings settings, TriageEngine fallback) {
        this.model = OpenAiChatModel.builder()
                .baseUrl(settings.baseUrl().toString())
                .apiKey(settings.apiKey() == null ? "not-needed" : settings.apiKey())
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxRetries(0)
                .temperature(0.0)
                .strictJsonSchema(true)
                .responseFormat(RESPONSE_FORMAT)
                .build();
        this.name = "llm/" + settings.model();
        this.fallback = fallback;
    }

    /** The name this engine reports when the model answered. */
    public String name() {
        return name;
    }

    @Override
    public Triage triage(TicketDocument document, TriageContext context) {
        NormalizedTicket ticket = TicketNormalizer.normalize(document);
        TriagePrompt prompt = TriagePrompt.of(document, ticket, context);
        String text;
        try {
            ChatRequest request = ChatRequest.builder()
                    .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                    .responseFormat(RESPONSE_FORMAT)
                    .build();
            text = model.chat(request).aiMessage().text();
        } catch (RuntimeException e) {
            return fallBack(document, context, failure(e));
        }
        return switch (LlmAnswer.parse(text)) {
            case LlmAnswer.Invalid invalid -> fallBack(document, context, "invalid answer: " + invalid.reason());
            case LlmAnswer.Valid valid -> accept(valid, document, ticket, context);
        };
    }

    private Triage accept(LlmAnswer.Valid answer, TicketDocument document, NormalizedTicket ticket,
                          TriageContext context) {
        Triage reference = null;
        Category category = answer.category();
        boolean bug = category == Category.BUG;
        Severity severity = bug ? answer.severity() : null;
        if (bug && severity == null) {
            reference = fallback.triage(document, context);
            severity = reference.severity() != null ? reference.severity() : Severity.MEDIUM;
        }
        String service = answer.service();
        if (service != null && context.catalog().byName(service).isEmpty()) {
            reference = reference != null ? reference : fallback.triage(document, context);
            service = reference.affectedService();
        }
        String quote = answer.customerQuote();
        if (!isVerbatim(quote, ticket)) {
            reference = reference != null ? reference : fallback.triage(document, context);
            quote = reference.customerQuote();
        }
        TimeWindow window = answer.timeWindow();
        if (window == null || !plausible(window, document.createdAt())) {
            reference = reference != null ? reference : fallback.triage(document, context);
            window = reference.timeWindow();
        }
        return new Triage(category, bug, severity, answer.confidence(), bug ? answer.reproSteps() : List.of(),
                answer.expected(), answer.actual(), answer.customerImpact(), quote, service, window, name);
    }

    private static boolean isVerbatim(String quote, NormalizedTicket ticket) {
        if (quote == null || quote.isBlank()) {
            return !ticket.hasCustomerText();
        }
        return ticket.customerMessages().stream().anyMatch(message -> message.text().contains(quote.strip()));
    }

    private static boolean plausible(TimeWindow window, Instant created) {
        return !window.end().isAfter(created.plus(Duration.ofDays(1)))
                && !window.start().isBefore(created.minus(MAX_WINDOW));
    }

    private Triage fallBack(TicketDocument document, TriageContext context, String reason) {
        Triage triage = fallback.triage(document, context);
        return triage.withEngine(triage.engine() + " (fallback from " + name + ": " + reason + ")");
    }

    static String failure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException
                    || cause instanceof java.net.SocketTimeoutException
                    || cause instanceof java.util.concurrent.TimeoutException) {
                return "timeout";
            }
        }
        String type = error.getClass().getSimpleName().replace("Exception", "");
        String message = error.getMessage() == null ? "" : error.getMessage().replaceAll("\\s+", " ");
        if (message.length() > 120) {
            message = message.substring(0, 120) + "…";
        }
        return (type.isEmpty() ? "error" : type.toLowerCase(Locale.ROOT)) + (message.isEmpty() ? "" : ": " + message);
    }

    private static JsonObjectSchema schema() {
        List<String> categories = Arrays.stream(Category.values()).map(Category::wireName).toList();
        List<String> severities = Arrays.stream(Severity.values()).map(Severity::wireName).toList();
        JsonSchemaElement nullableString = nullable(new JsonStringSchema());
        return JsonObjectSchema.builder()
                .addProperty("category", JsonEnumSchema.builder().enumValues(categories).build())
                .addProperty("severity", nullable(JsonEnumSchema.builder().enumValues(severities).build()))
                .addProperty("confidence", new JsonNumberSchema())
                .addProperty("repro_steps", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                .addProperty("expected", nullableString)
                .addProperty("actual", nullableString)
                .addProperty("customer_impact", nullableString)
                .addProperty("customer_quote", new JsonStringSchema())
                .addProperty("affected_service", nullableString)
                .addProperty("time_window", nullable(JsonObjectSchema.builder()
                        .addStringProperty("start")
                        .addStringProperty("end")
                        .required("start", "end")
                        .additionalProperties(false)
                        .build()))
                .required("category", "severity", "confidence", "repro_steps", "expected", "actual", "customer_impact",
                        "customer_quote", "affected_service", "time_window")
                .additionalProperties(false)
                .build();
    }

    private static JsonSchemaElement nullable(JsonSchemaElement element) {
        return JsonAnyOfSchema.builder().anyOf(element, new JsonNullSchema()).build();
    }
}
