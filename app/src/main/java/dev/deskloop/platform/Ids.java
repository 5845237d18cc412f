package dev.deskloop.platform;

import java.util.Optional;
import java.util.UUID;

/** Reads ids that arrive as text from outside (paths, webhook bodies), where a malformed id is not an error. */
public final class Ids {

    private Ids() {
    }

    /** The id, or empty when {@code text} is null or not a UUID. */
    public static Optional<UUID> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
