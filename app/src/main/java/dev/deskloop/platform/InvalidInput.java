package dev.deskloop.platform;

/**
 * A value from outside failed a check; names the field so that the API can answer 400 with it and pages can
 * show the message next to the form.
 */
public class InvalidInput extends RuntimeException {

    private final String field;

    public InvalidInput(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return getMessage().substring(field.length() + 1);
    }
}
