package dev.deskloop.platform;

import java.time.ZoneId;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Time zone names from outside (a setting, a provider's user record): the JDK's IANA region ids such as
 * {@code Europe/Paris}, or {@code UTC}. Fixed offsets are not zones here: a region follows daylight saving time, an
 * offset would not.
 */
public final class TimeZones {

    private static final Set<String> NAMES = Collections.unmodifiableSet(new TreeSet<>(ZoneId.getAvailableZoneIds()));

    private TimeZones() {
    }

    /** The zone named by {@code name} (surrounding spaces ignored), or empty when it is not a known region id. */
    public static Optional<ZoneId> parse(String name) {
        String id = name == null ? "" : name.strip();
        return NAMES.contains(id) ? Optional.of(ZoneId.of(id)) : Optional.empty();
    }

    /** Every zone {@link #parse} accepts, sorted, for suggestions in forms. */
    public static Set<String> names() {
        return NAMES;
    }
}
