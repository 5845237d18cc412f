package dev.deskloop.triage.model;

import java.util.List;

/**
 * The text a classifier reads.
 *
 * @param title a short summary line (ticket subject, issue title), may be empty
 * @param body the main text, already normalised (customer messages, issue body)
 * @param group an optional domain (e.g. the GitHub project) whose own copy of every feature is learned, or null
 * @param cues structure of the original text (issue template, headings with their values, form fields, check
 *             boxes; see {@code Markdown.cues}), read as a feature block of its own; may be empty
 */
public record ClassifierInput(String title, String body, String group, List<String> cues) {

    public ClassifierInput {
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        cues = cues == null ? List.of() : List.copyOf(cues);
    }

    /** An input without structure cues. */
    public ClassifierInput(String title, String body, String group) {
        this(title, body, group, List.of());
    }

    /** Title and body as one text. */
    public String joined() {
        if (title.isBlank()) {
            return body;
        }
        if (body.isBlank()) {
            return title;
        }
        return title + ". " + body;
    }
}
