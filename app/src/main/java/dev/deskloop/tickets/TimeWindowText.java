package dev.deskloop.tickets;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.deskloop.triage.TimeWindow;

/**
 * A suggested time window as people read it: in the zone the ticket's local times are read in, then in UTC, which
 * logs use ("2026-03-14 03:00 – 2026-03-14 05:00 (America/New_York), 2026-03-14 07:00 – 2026-03-14 09:00 (UTC)").
 * Plain text: callers escape it.
 */
public final class TimeWindowText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private TimeWindowText() {
    }

    /** The window in {@code zone} and in UTC, or only in UTC when the zone is UTC. */
    public static String of(TimeWindow window, ZoneId zone) {
        String utc = span(window, ZoneOffset.UTC) + " (UTC)";
        return zone.normalized().equals(ZoneOffset.UTC) ? utc : span(window, zone) + " (" + zone.getId() + "), " + utc;
    }

    private static String span(TimeWindow window, ZoneId zone) {
        return time(window.start(), zone) + " – " + time(window.end(), zone);
    }

    private static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }
}
