package dev.deskloop.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A span of time, both ends inclusive, in which to look for the log records of a reported problem. */
public record TimeWindow(Instant start, Instant end) {

    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("time window starts after it ends: " + start + " > " + end);
        }
    }

    /** The window of {@code buffer} before {@code end}, used when a ticket names no time. */
    public static TimeWindow before(Instant end, Duration buffer) {
        return new TimeWindow(end.minus(buffer), end);
    }

    /** The window's length. */
    public Duration duration() {
        return Duration.between(start, end);
    }

    /** Intersection over union of two windows, 1.0 for equal windows (instants count as one second long). */
    public double overlap(TimeWindow other) {
        long s1 = start.getEpochSecond();
        long e1 = Math.max(end.getEpochSecond(), s1 + 1);
        long s2 = other.start.getEpochSecond();
        long e2 = Math.max(other.end.getEpochSecond(), s2 + 1);
        long intersection = Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
        long union = Math.max(e1, e2) - Math.min(s1, s2);
        return union == 0 ? 1.0 : (double) intersection / union;
    }
}
