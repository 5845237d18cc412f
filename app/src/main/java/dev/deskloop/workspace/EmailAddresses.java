package dev.deskloop.workspace;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.deskloop.platform.InvalidInput;

/** Checks and normalises the e-mail addresses accounts are known by. */
final class EmailAddresses {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s<>\"]{1,64}@[A-Za-z0-9.-]{1,253}$");

    private EmailAddresses() {
    }

    static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInput("email", "is required");
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        if (email.length() > 320 || !SHAPE.matcher(email).matches()) {
            throw new InvalidInput("email", "is not a valid e-mail address");
        }
        return email;
    }
}
