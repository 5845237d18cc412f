package dev.deskloop.triage.json;

/** A document or catalog that does not follow the triage contract; the message names the field and the problem. */
public final class InvalidInputException extends IllegalArgumentException {

    private final String field;

    public InvalidInputException(String field, String problem) {
        super(field == null ? problem : "field " + field + ": " + problem);
        this.field = field;
    }

    /** The offending field as a path such as {@code messages[1].created_at}, or null for the whole input. */
    public String field() {
        return field;
    }
}
