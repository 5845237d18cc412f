package dev.deskloop.triage;

import java.util.Locale;

/**
 * How badly a bug hurts, from {@link #CRITICAL} (outage, data loss, security exposure, money movement failing for
 * many users) down to {@link #LOW} (cosmetic or minor). Declared from most to least severe.
 */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this severity is at least as severe as {@code other}. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** Parses a wire name; throws {@link IllegalArgumentException} naming the accepted values otherwise. */
    public static Severity fromWireName(String value) {
        for (Severity severity : values()) {
            if (severity.wireName().equals(value)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + value + "' (expected critical, high, medium or low)");
    }
}
