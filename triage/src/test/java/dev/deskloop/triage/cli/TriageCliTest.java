package dev.deskloop.triage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.triage.Category;
import dev.deskloop.triage.TimeWindow;
import dev.deskloop.triage.Triage;
import dev.deskloop.triage.TriageEngine;
import dev.deskloop.triage.TriageEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageCliTest {

    private static final String DOCUMENT = "{\"id\":\"1\",\"source\":\"intercom\",\"subject\":\"Refund\","
            + "\"created_at\":\"2026-03-14T09:12:00Z\",\"messages\":[{\"author\":\"customer\",\"public\":true,"
            + "\"body\":\"We were charged twice for our subscription, please refund.\"}]}";

    /** Answers instantly and records the subject it saw, for tests of the command line itself. */
    private static final TriageEngine ECHO = (document, context) -> new Triage(Category.QUESTION, false, null, 0.5,
            List.of(), null, null, null, String.valueOf(document.subject()),
            context.catalog().services().isEmpty() ? null : context.catalog().services().getFirst().name(),
            TimeWindow.before(document.createdAt(), context.defaultBuffer()), "echo");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static String catalog() throws URISyntaxException {
        return Path.of(TriageCliTest.class.getResource("/fixtures/catalog.yaml").toURI()).toString();
    }

    private int run(String stdin, Supplier<TriageEngine> engine, String... args) {
        return TriageCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), engine);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void triagesOneDocumentFromStandardInputWithTheBuiltinEngine() throws Exception {
        int status = run(DOCUMENT, TriageEngines::builtin, "--services", catalog());

        assertThat(status).isZero();
        assertThat(stdout().lines()).singleElement().asString()
                .startsWith("{\"category\":\"billing\",\"is_bug\":false,\"severity\":null")
                .contains("\"affected_service\":\"Billing & Payments\"")
                .contains("\"engine\":\"builtin/");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void readsAFileAndPrettyMultiLineJson(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("ticket.json"), """
                {
                  "subject": "Refund",
                  "created_at": "2026-03-14T09:12:00Z",
                  "messages": [
                    {"author": "customer", "body": "Please refund."}
                  ]
                }
                """);

        assertThat(run("", () -> ECHO, "--services", catalog(), input.toString())).isZero();
        assertThat(stdout()).contains("\"customer_quote\":\"Refund\"");
    }

    @Test
    void processesJsonLinesInOrderAndReportsInvalidLinesByLineAndField() throws Exception {
        String input = DOCUMENT.replace("Refund", "first") + "\n"
                + "{\"subject\":\"no time\",\"messages\":[]}\n"
                + "\n"
                + "not json at all\n"
                + DOCUMENT.replace("Refund", "last") + "\n";

        int status = run(input, () -> ECHO, "--services", catalog(), "--jsonl", "-");

        assertThat(status).isEqualTo(1);
        assertThat(stdout().lines()).hasSize(2);
        assertThat(stdout().lines().toList().get(0)).contains("\"customer_quote\":\"first\"");
        assertThat(stdout().lines().toList().get(1)).contains("\"customer_quote\":\"last\"");
        assertThat(stderr()).contains("line 2: field created_at").contains("line 4:").doesNotContain("line 3");
    }

    @Test
    void anInvalidSingleDocumentExitsWithOne() throws Exception {
        assertThat(run("{\"created_at\": \"2026-03-14T09:12:00Z\"}", () -> ECHO, "--services", catalog()))
                .isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("field messages");
    }

    @Test
    void anEmptyCatalogIsValidAndGivesNoService() throws Exception {
        String empty = Path.of(getClass().getResource("/fixtures/empty-catalog.yaml").toURI()).toString();

        assertThat(run(DOCUMENT, () -> ECHO, "--services", empty)).isZero();
        assertThat(stdout()).contains("\"affected_service\":null");
    }

    @Test
    void usageErrorsExitWithTwo(@TempDir Path dir) throws IOException, URISyntaxException {
        Path brokenCatalog = Files.writeString(dir.resolve("broken.yaml"), "services: {oops");

        assertThat(run(DOCUMENT, () -> ECHO)).isEqualTo(2);
        assertThat(stderr()).contains("--services FILE is required");
        assertThat(run(DOCUMENT, () -> ECHO, "--services", catalog(), "--bogus")).isEqualTo(2);
        assertThat(run(DOCUMENT, () -> ECHO, "--services", dir.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(run(DOCUMENT, () -> ECHO, "--services", brokenCatalog.toString())).isEqualTo(2);
        assertThat(run(DOCUMENT, () -> ECHO, "--services", catalog(), "--engine", "llm")).isEqualTo(2);
        assertThat(run(DOCUMENT, () -> ECHO, "--services", catalog(), dir.resolve("nope.json").toString()))
                .isEqualTo(2);
        assertThat(stdout()).isEmpty();
    }

    @Test
    void passesZoneAndBufferToTheEngine() throws Exception {
        assertThat(run(DOCUMENT, () -> ECHO, "--services", catalog(), "--buffer-hours", "6", "--zone",
                "Europe/Paris")).isZero();
        assertThat(stdout()).contains("\"start\":\"2026-03-14T03:12:00Z\"");
    }
}
