package dev.deskloop.simulator;

import static org.assertj.core.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolverFactory;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The providers' OpenAPI descriptions from {@code shared/reference/openapi}, each parsed once per JVM,
 * and response validation against them. The folder comes from the system property
 * {@code deskloop.shared.dir}; without it the fidelity tests fail (never skip).
 */
final class OpenApiContracts {

    /** A known defect of a description, waived narrowly: message key and JSON pointer suffix. */
    record Waiver(String key, String messagePrefix, String pointerRegex, String why) implements Predicate<ValidationReport.Message> {
        @Override
        public boolean test(ValidationReport.Message m) {
            String pointer = m.getContext().flatMap(c -> c.getPointers()).map(p -> p.getInstance()).orElse("");
            return m.getKey().equals(key) && m.getMessage().startsWith(messagePrefix) && pointer.matches(pointerRegex);
        }
    }

    /**
     * Intercom's 2.14 description declares {@code contact.tags/notes/companies.url} as {@code format: uri}
     * while its own examples (and the live API) use relative URLs such as {@code /contacts/{id}/tags}.
     */
    static final List<Waiver> INTERCOM_WAIVERS = List.of(
        new Waiver("validation.response.body.schema.format.uri", "", ".*/url", "relative list URLs, as in Intercom's own examples"),
        // e.g. "ai_agent: {$ref: ai_agent, nullable: true}": OpenAPI 3.0 ignores siblings of $ref, so the
        // intended null (which Intercom's own examples show) reads as not allowed.
        new Waiver("validation.response.body.schema.type", "null found", ".*/(ai_agent|assigned_to|email_message_metadata|metadata)",
            "nullable beside $ref; null as in Intercom's examples"));

    private static final class Holder {
        static final OpenApiInteractionValidator ZENDESK = load("zendesk-support.yaml", false);
        static final OpenApiInteractionValidator ZENDESK_WEBHOOKS = load("zendesk-webhooks.yaml", false);
        static final OpenApiInteractionValidator INTERCOM = load("intercom-2.14.yaml", true);
    }

    private OpenApiContracts() {
    }

    static Path openApiDir() {
        String shared = System.getProperty("deskloop.shared.dir");
        if (shared == null || shared.isBlank()) {
            fail("System property deskloop.shared.dir is not set; it must point at the shared/ folder next to the "
                + "repository (surefire sets it from simulator/pom.xml).");
        }
        Path dir = Path.of(shared, "reference", "openapi");
        if (!Files.isDirectory(dir)) {
            fail("The OpenAPI descriptions are missing: expected the folder " + dir.toAbsolutePath().normalize()
                + " (shared/reference/openapi next to the repository, or -Ddeskloop.shared.dir=...). "
                + "The fidelity tests cannot run without them.");
        }
        return dir;
    }

    static OpenApiInteractionValidator zendesk() {
        openApiDir();
        return Holder.ZENDESK;
    }

    static OpenApiInteractionValidator zendeskWebhooks() {
        openApiDir();
        return Holder.ZENDESK_WEBHOOKS;
    }

    static OpenApiInteractionValidator intercom() {
        openApiDir();
        return Holder.INTERCOM;
    }

    private static OpenApiInteractionValidator load(String file, boolean resolveFully) {
        Path path = openApiDir().resolve(file);
        if (!Files.isRegularFile(path)) {
            fail("Missing OpenAPI description " + path);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        // Intercom's 2.14 file nests allOf with extra properties; resolving combinators makes the validator
        // treat them as one object instead of inventing "additionalProperties: false".
        options.setResolveFully(resolveFully);
        options.setResolveCombinators(resolveFully);
        // Lenient on purpose: the Zendesk file has a schema without "items" (ConversationLogObject), which
        // the validator's own loader refuses. The operations the simulator serves are unaffected.
        SwaggerParseResult result = new OpenAPIParser().readLocation(path.toUri().toString(), null, options);
        if (result.getOpenAPI() == null) {
            fail("Could not parse " + path + ": " + result.getMessages());
        }
        // JSON Schema allows properties a schema does not list unless it says additionalProperties: false;
        // the validator is stricter by default, so restore the specification's meaning.
        return OpenApiInteractionValidator.createFor(result.getOpenAPI())
            .withLevelResolver(LevelResolverFactory.withAdditionalPropertiesIgnored())
            .build();
    }

    /** Validates one response of the simulator; {@code specPath} is the path as the description spells it. */
    static List<String> problems(OpenApiInteractionValidator validator, String method, String specPath,
                                 HttpResponse<String> response, List<Waiver> waivers) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode());
        response.headers().firstValue("content-type").ifPresent(builder::withContentType);
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        ValidationReport report = validator.validateResponse(specPath, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), builder.build());
        return report.getMessages().stream()
            .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
            .filter(m -> waivers.stream().noneMatch(w -> w.test(m)))
            .map(m -> m.getKey() + " " + m.getMessage() + " at "
                + m.getContext().flatMap(c -> c.getPointers()).map(p -> p.getInstance()).orElse("?"))
            .toList();
    }
}
