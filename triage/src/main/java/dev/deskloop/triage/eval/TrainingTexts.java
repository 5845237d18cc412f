package dev.deskloop.triage.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the NLBSE'24 training issues as JSON lines {@code {"repo", "label", "text"}}, where {@code text} is exactly
 * what the classifier embeds (title and the body's prose). {@code triage/training/finetune_minilm.py} fine-tunes
 * MiniLM on these lines; only {@code issues_train.csv} is ever written.
 */
public final class TrainingTexts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TrainingTexts() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: TrainingTexts NLBSE24_DIR OUT.jsonl");
            System.exit(2);
        }
        try {
            int written = write(Path.of(args[0]), Path.of(args[1]));
            System.err.printf("wrote %d training issues to %s%n", written, args[1]);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("training texts: " + e.getMessage());
            System.exit(1);
        }
    }

    static int write(Path nlbseDirectory, Path output) throws IOException {
        List<NlbseIssue> issues = NlbseDataset.read(nlbseDirectory.resolve("issues_train.csv"));
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (NlbseIssue issue : issues) {
                Map<String, String> line = new LinkedHashMap<>();
                line.put("repo", issue.repo());
                line.put("label", issue.label());
                line.put("text", NlbseEvaluation.input(issue).joined());
                out.write(JSON.writeValueAsString(line));
                out.newLine();
            }
        }
        return issues.size();
    }
}
