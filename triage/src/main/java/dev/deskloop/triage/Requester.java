package dev.deskloop.triage;

/** The person who opened the ticket; both fields may be null when the desk does not provide them. */
public record Requester(String name, String email) {

    /** A requester about whom nothing is known. */
    public static Requester unknown() {
        return new Requester(null, null);
    }
}
