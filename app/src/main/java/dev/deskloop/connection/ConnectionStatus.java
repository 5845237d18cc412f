package dev.deskloop.connection;

import java.util.Arrays;
import java.util.Locale;

/** Where a connection stands. Only a {@code disconnected} connection does not count as the workspace's active one. */
public enum ConnectionStatus {
    PENDING, CONNECTED, CONNECTION_ERROR, PAUSED, DISCONNECTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean active() {
        return this != DISCONNECTED;
    }

    static ConnectionStatus fromWireName(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown connection status " + value));
    }
}
