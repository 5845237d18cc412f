package dev.deskloop.platform;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Time zone names from outside (a setting, a provider's user record): IANA region ids such as
 * {@code Europe/Paris}, or {@code UTC}. Fixed offsets and anything longer than {@link #MAX_LENGTH} are not zones
 * here: a region follows daylight saving time, an offset would not.
 */
public final class TimeZones {

    public static final int MAX_LENGTH = 64;

    private static final Set<String> NAMES = java.util.Collections.unmodifiableSet(
            new TreeSet<>(ZoneId.getAvailableZoneIds()));

    private TimeZones() {
    }

    /** The zone named by {@code name}, or empty when it is blank, too long or not a known zone. */
    public static Optional<ZoneId> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String id = name.strip();
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (!NAMES.contains(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Every zone {@link #parse} accepts, sorted, for suggestions in forms. */
    public static Set<String> names() {
        return NAMES;
    }
}
