package dev.deskloop.bug;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A bug is open until its fix ships; then its RCA goes to every linked ticket. */
public enum BugStatus {
    OPEN, FIX_SHIPPED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BugStatus> fromWireName(String value) {
        return Arrays.stream(values()).filter(status -> status.wireName().equals(value)).findFirst();
    }
}
