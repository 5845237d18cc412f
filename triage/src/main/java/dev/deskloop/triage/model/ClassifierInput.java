package dev.deskloop.triage.model;

/**
 * The text a classifier reads.
 *
 * @param title a short summary line (ticket subject, issue title), may be empty
 * @param body the main text, already normalised (customer messages, issue body)
 * @param group an optional domain (e.g. the GitHub project) whose own copy of every feature is learned, or null
 */
public record ClassifierInput(String title, String body, String group) {

    public ClassifierInput {
        title = title == null ? "" : title;
        body = body == null ? "" : body;
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
