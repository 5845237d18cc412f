package dev.deskloop.writeback;

import java.util.Arrays;
import java.util.Locale;

import dev.deskloop.platform.InvalidInput;
import dev.deskloop.triage.Severity;

/** From which severity on a bug is analysed automatically; {@code disabled} never. */
public enum AnalyzeThreshold {
    DISABLED, CRITICAL, HIGH, MEDIUM, LOW;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a bug of this severity is severe enough. */
    public boolean metBy(Severity severity) {
        return this != DISABLED && severity != null && severity.atLeast(Severity.valueOf(name()));
    }

    public static AnalyzeThreshold fromWireName(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInput("auto_analyze", "must be disabled, critical, high, medium or low"));
    }
}
