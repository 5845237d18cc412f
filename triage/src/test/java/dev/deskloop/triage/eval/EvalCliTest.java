package dev.deskloop.triage.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EvalCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void scoresTheBuiltinEngineOnALabelledTicketFile(@TempDir Path dir) throws IOException, URISyntaxException {
        String line = "{\"id\":\"x1\",\"document\":{\"id\":\"x1\",\"source\":\"zendesk\",\"subject\":\"Charged twice\","
                + "\"created_at\":\"2026-03-14T09:12:00Z\",\"messages\":[{\"author\":\"customer\",\"public\":true,"
                + "\"body\":\"We were charged twice for our subscription, please refund.\"}]},"
                + "\"expected\":{\"category\":\"billing\",\"severity\":null,\"affected_service\":\"Billing & Payments\","
                + "\"time_window\":null,\"has_repro_steps\":false}}";
        Path dev = Files.writeString(dir.resolve("dev.jsonl"), line + "\n");
        String catalog = Path.of(getClass().getResource("/fixtures/catalog.yaml").toURI()).toString();

        int status = run("--only", "tickets", "--dev", dev.toString(), "--services", catalog);

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("category accuracy            1.000")
                .contains("affected service accuracy    1.000").contains("time window overlap (IoU)    1.000")
                .contains("category accuracy 1.000–1.000, severity within one n/a, service accuracy 1.000–1.000");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("--datasets")).isEqualTo(2);
        assertThat(run("--only", "everything", "--datasets", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: EvalCli");
    }

    @Test
    void aMissingDatasetIsReported(@TempDir Path dir) {
        assertThat(run("--datasets", dir.toString(), "--only", "nlbse")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("issues_test.csv");
    }

    @Test
    void readsSeveralSpecsForCrossValidation() {
        var specs = EvalCli.specs("0,64,1,1,1,0.001; 0,128,0.7,1,1,0.001,0.5,1");

        assertThat(specs).hasSize(2);
        assertThat(specs.get(0).textTokens()).isEqualTo(64);
        assertThat(specs.get(0).cueScale()).isZero();
        assertThat(specs.get(1).groupScale()).isEqualTo(0.5);
        assertThat(specs.get(1).cueScale()).isEqualTo(1.0);
        assertThat(run("--only", "tickets", "--cv", "--spec", "0,64,1")).isEqualTo(2);
        assertThat(run("--only", "tickets", "--cv", "--spec", "0,64,x,1,1,0.001")).isEqualTo(2);
    }

    /** A tiny NLBSE'24-shaped folder: every label in both files, two projects. */
    private static Path tinyNlbse(Path dir) throws IOException {
        Path nlbse = Files.createDirectories(dir.resolve("nlbse24"));
        var csv = new StringBuilder("repo,created_at,label,title,body\n");
        String[][] rows = {
                {"bug", "Crash when saving", "The app crashes with a null pointer when I press save."},
                {"feature", "Add dark mode", "It would be great to have a dark theme option."},
                {"question", "How do I configure the proxy?", "Where is the setting for an HTTP proxy?"},
        };
        for (int copy = 0; copy < 4; copy++) {
            for (String[] row : rows) {
                csv.append(copy % 2 == 0 ? "facebook/react" : "opencv/opencv").append(",2023-01-01 00:00:00,")
                        .append(row[0]).append(',').append(row[1]).append(" ").append(copy).append(",\"")
                        .append(row[2]).append("\"\n");
            }
        }
        Files.writeString(nlbse.resolve("issues_train.csv"), csv);
        Files.writeString(nlbse.resolve("issues_test.csv"), csv);
        return dir;
    }

    @Test
    void crossValidatesOneHeldOutFoldAlone(@TempDir Path dir) throws IOException {
        int status = run("--datasets", tinyNlbse(dir).toString(), "--only", "nlbse", "--cv", "4", "--fold", "1");

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("12 issues, fold 1 held out alone")
                .containsPattern("cv macro-F1 [01]\\.\\d{3} \\(projects [01]\\.\\d{3} [01]\\.\\d{3}\\)");
    }

    @Test
    void foldAndHeadOptionsAreChecked(@TempDir Path dir) throws IOException {
        String datasets = tinyNlbse(dir).toString();

        assertThat(run("--datasets", datasets, "--only", "nlbse", "--fold", "0")).isEqualTo(2);
        assertThat(run("--datasets", datasets, "--only", "nlbse", "--cv", "3", "--fold", "3")).isEqualTo(2);
        assertThat(run("--datasets", datasets, "--only", "nlbse", "--cv", "--fold", "one")).isEqualTo(2);
        assertThat(run("--datasets", datasets, "--only", "nlbse", "--head-weight", "0.5,1")).isEqualTo(2);
        assertThat(run("--datasets", datasets, "--only", "nlbse", "--cv", "--head-weight", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fold: not a whole number: one")
                .contains("--head-weight: not a number: x");
        assertThat(run("--datasets", datasets, "--only", "nlbse", "--head", dir.resolve("absent").toString()))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--head: " + dir.resolve("absent.onnx")
                + " is not a file");
    }

    @Test
    void ticketCrossValidationReadsEachFoldsOwnEncoderCopy(@TempDir Path dir) {
        String pattern = dir.resolve("tickets_f{fold}.onnx").toString();

        assertThat(run("--only", "tickets", "--cv", "5", "--encoder", pattern)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--encoder: " + dir.resolve("tickets_f0.onnx")
                + " is not a file");
    }
}
