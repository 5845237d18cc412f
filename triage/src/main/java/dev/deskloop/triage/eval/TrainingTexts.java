package dev.deskloop.triage.eval;

import dev.deskloop.triage.builtin.BuiltinTriageEngine;
import dev.deskloop.triage.json.LabelledTicket;
import dev.deskloop.triage.text.TicketNormalizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the NLBSE'24 training issues as JSON lines {@code {"repo", "label", "text"}}, where {@code text} is exactly
 * what the classifier embeds (title and the body's prose). {@code triage/training/finetune_encoder.py} fine-tunes
 * an encoder on these lines; only {@code issues_train.csv} is ever written. With {@code --tickets} it writes the labelled
 * support tickets of a JSONL file instead ({@code {"label", "text"}}, the category's wire name and the subject and
 * customer text the engine's classifier embeds).
 */
public final class TrainingTexts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TrainingTexts() {
    }

    public static void main(String[] args) {
        boolean tickets = args.length == 3 && args[0].equals("--tickets");
        if (args.length != 2 && !tickets) {
            System.err.println("usage: TrainingTexts NLBSE24_DIR OUT.jsonl\n"
                    + "       TrainingTexts --tickets TICKETS.jsonl OUT.jsonl");
            System.exit(2);
        }
        try {
            if (tickets) {
                int written = writeTickets(Path.of(args[1]), Path.of(args[2]));
                System.err.printf("wrote %d labelled tickets to %s%n", written, args[2]);
                return;
            }
            int written = write(Path.of(args[0]), Path.of(args[1]));
            System.err.printf("wrote %d training issues to %s%n", written, args[1]);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("training texts: " + e.getMessage());
            System.exit(1);
        }
    }

    static int write(Path nlbseDirectory, Path output) throws IOException {
        List<Map<String, String>> lines = new ArrayList<>();
        for (NlbseIssue issue : NlbseDataset.read(nlbseDirectory.resolve("issues_train.csv"))) {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("repo", issue.repo());
            line.put("label", issue.label());
            line.put("text", NlbseEvaluation.input(issue).joined());
            lines.add(line);
        }
        return writeLines(lines, output);
    }

    static int writeTickets(Path labelled, Path output) throws IOException {
        List<Map<String, String>> lines = new ArrayList<>();
        for (LabelledTicket ticket : LabelledTicket.parseAll(Files.readString(labelled), labelled.toString())) {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("label", ticket.category().wireName());
            line.put("text", BuiltinTriageEngine.classifierInput(TicketNormalizer.normalize(ticket.document()))
                    .joined());
            lines.add(line);
        }
        return writeLines(lines, output);
    }

    private static int writeLines(List<Map<String, String>> lines, Path output) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (Map<String, String> line : lines) {
                out.write(JSON.writeValueAsString(line));
                out.newLine();
            }
        }
        return lines.size();
    }
}
