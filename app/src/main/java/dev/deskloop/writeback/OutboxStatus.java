package dev.deskloop.writeback;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a write stands: {@code pending} (queued or retrying), {@code sent}, {@code waiting} (kept until the
 * connection works again) or {@code dead} (the provider refused it, or it failed too often).
 */
public enum OutboxStatus {
    PENDING, SENT, WAITING, DEAD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OutboxStatus fromWireName(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown outbox status " + value));
    }
}
