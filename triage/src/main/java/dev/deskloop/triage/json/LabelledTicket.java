package dev.deskloop.triage.json;

import java.util.ArrayList;
import java.util.List;

import dev.deskloop.triage.Category;
import dev.deskloop.triage.Severity;
import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.TimeWindow;
import tools.jackson.databind.JsonNode;

/**
 * One line of the labelled ticket sets ({@code builtin/train.jsonl}, {@code eval/dev.jsonl}): a document and what a
 * careful human would answer for it.
 *
 * @param timeWindow the expected window, or null when the text names no time (the default buffer is right)
 */
public record LabelledTicket(String id, TicketDocument document, Category category, Severity severity,
                             String affectedService, TimeWindow timeWindow, boolean hasReproSteps) {

    /**
     * Parses a whole labelled JSONL text, skipping blank lines; a malformed line stops with {@code source}, its line
     * number and the field.
     */
    public static List<LabelledTicket> parseAll(String jsonl, String source) {
        List<LabelledTicket> tickets = new ArrayList<>();
        String[] lines = jsonl.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                tickets.add(parse(lines[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return tickets;
    }

    /** Parses one line; throws {@link InvalidInputException} naming the field when it is malformed. */
    public static LabelledTicket parse(String line) {
        JsonNode root = TriageJson.parse(line);
        JsonNode document = root.get("document");
        JsonNode expected = root.get("expected");
        if (document == null || expected == null || !expected.isObject()) {
            throw new InvalidInputException(null, "expected {id, document, expected}");
        }
        TicketDocument ticket;
        try {
            ticket = TriageJson.readDocument(document);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("document." + e.field(), e.getMessage());
        }
        try {
            Category category = Category.fromWireName(expected.path("category").asString());
            JsonNode severity = expected.get("severity");
            JsonNode service = expected.get("affected_service");
            JsonNode window = expected.get("time_window");
            TimeWindow timeWindow = window == null || window.isNull() ? null
                    : new TimeWindow(TriageJson.parseInstant(window.path("start").asString(), "time_window.start"),
                    TriageJson.parseInstant(window.path("end").asString(), "time_window.end"));
            return new LabelledTicket(root.path("id").asString(ticket.id()), ticket, category,
                    severity == null || severity.isNull() ? null : Severity.fromWireName(severity.asString()),
                    service == null || service.isNull() ? null : service.asString(), timeWindow,
                    expected.path("has_repro_steps").asBoolean(false));
        } catch (IllegalArgumentException e) {
            throw e instanceof InvalidInputException invalid ? invalid
                    : new InvalidInputException("expected", e.getMessage());
        }
    }
}
