package dev.deskloop.triage.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.triage.json.TriageJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class TrainingTextsTest {

    @Test
    void writesEachTrainingIssueAsTheTextTheClassifierEmbeds(@TempDir Path dir) throws IOException {
        String body = "<!-- bug report template -->\n### Describe the bug\nSaving fails with \"\"EPERM\"\".\n\n"
                + "- [x] I searched existing issues";
        Files.writeString(dir.resolve("issues_train.csv"), "repo,created_at,label,title,body\n"
                + "facebook/react,2023-08-26 06:33:37,bug,Save fails,\"" + body + "\"\n"
                + "opencv/opencv,2023-01-01 00:00:00,question,How to build?,\n");
        Files.writeString(dir.resolve("issues_test.csv"), "repo,created_at,label,title,body\n"
                + "opencv/opencv,2023-01-01 00:00:00,feature,Never written,secret test text\n");
        Path out = dir.resolve("texts.jsonl");

        int written = TrainingTexts.write(dir, out);

        List<String> lines = Files.readAllLines(out);
        List<NlbseIssue> issues = NlbseDataset.read(dir.resolve("issues_train.csv"));
        assertThat(written).isEqualTo(2);
        assertThat(lines).hasSize(2).noneMatch(line -> line.contains("secret test text"));
        JsonNode first = TriageJson.parse(lines.get(0));
        assertThat(first.path("repo").asString()).isEqualTo("facebook/react");
        assertThat(first.path("label").asString()).isEqualTo("bug");
        assertThat(first.path("text").asString()).isEqualTo(NlbseEvaluation.input(issues.get(0)).joined())
                .startsWith("Save fails. ").contains("EPERM").doesNotContain("I searched existing issues");
        assertThat(TriageJson.parse(lines.get(1)).path("text").asString()).isEqualTo("How to build?");
    }

    @Test
    void writesEachLabelledTicketAsTheTextTheEngineClassifies(@TempDir Path dir) throws IOException {
        Path labelled = dir.resolve("tickets.jsonl");
        Files.writeString(labelled, """
                {"id":"a1","document":{"id":"a1","source":"zendesk","subject":"Export fails","created_at":"2026-03-01T10:00:00Z","messages":[{"author":"customer","public":true,"body":"<p>The CSV export spins forever.</p>","created_at":"2026-03-01T10:00:00Z"},{"author":"agent","public":true,"body":"Agent reply that is not customer text","created_at":"2026-03-01T11:00:00Z"}]},"expected":{"category":"bug","severity":"medium","affected_service":null,"time_window":null,"has_repro_steps":false}}
                {"id":"a2","document":{"id":"a2","source":"intercom","subject":null,"created_at":"2026-03-01T10:00:00Z","messages":[{"author":"customer","public":true,"body":"Could you add dark mode?","created_at":"2026-03-01T10:00:00Z"}]},"expected":{"category":"feature_request","severity":null,"affected_service":null,"time_window":null,"has_repro_steps":false}}
                """);
        Path out = dir.resolve("texts.jsonl");

        int written = TrainingTexts.writeTickets(labelled, out);

        List<String> lines = Files.readAllLines(out);
        assertThat(written).isEqualTo(2);
        assertThat(lines).hasSize(2);
        JsonNode first = TriageJson.parse(lines.get(0));
        assertThat(first.path("label").asString()).isEqualTo("bug");
        assertThat(first.path("text").asString()).contains("Export fails").contains("The CSV export spins forever.")
                .doesNotContain("<p>").doesNotContain("Agent reply");
        JsonNode second = TriageJson.parse(lines.get(1));
        assertThat(second.path("label").asString()).isEqualTo("feature_request");
        assertThat(second.path("text").asString()).contains("Could you add dark mode?");
    }
}
