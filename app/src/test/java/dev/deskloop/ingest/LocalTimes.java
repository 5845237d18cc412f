package dev.deskloop.ingest;

import java.time.Instant;
import java.time.ZoneId;

/** Where "since 9am" starts for a ticket created at a given instant, worked out by hand rather than by the engine. */
final class LocalTimes {

    private LocalTimes() {
    }

    /** 9:00 in {@code zone} on the day of {@code created}, or the day before when that is still to come. */
    static Instant nineBefore(Instant created, ZoneId zone) {
        var local = created.atZone(zone);
        var nine = local.toLocalDate().atTime(9, 0).atZone(zone);
        return (nine.isAfter(local) ? nine.minusDays(1) : nine).toInstant();
    }
}
