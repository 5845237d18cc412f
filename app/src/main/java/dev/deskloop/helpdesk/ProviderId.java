package dev.deskloop.helpdesk;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The stable id of a support-desk provider, as stored and as used in URLs. */
public enum ProviderId {
    ZENDESK("Zendesk"), INTERCOM("Intercom");

    private final String displayName;

    ProviderId(String displayName) {
        this.displayName = displayName;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String displayName() {
        return displayName;
    }

    public static Optional<ProviderId> fromWireName(String value) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(value)).findFirst();
    }
}
