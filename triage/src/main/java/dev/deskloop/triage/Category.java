package dev.deskloop.triage;

import java.util.Locale;

/** What a ticket is about; only {@link #BUG} continues to severity, write-back and bug mapping. */
public enum Category {
    BUG, BILLING, ACCOUNT_ACCESS, FEATURE_REQUEST, QUESTION, OTHER;

    /** The lower-case name used on the wire, e.g. {@code account_access}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; throws {@link IllegalArgumentException} naming the accepted values otherwise. */
    public static Category fromWireName(String value) {
        for (Category category : values()) {
            if (category.wireName().equals(value)) {
                return category;
            }
        }
        throw new IllegalArgumentException("unknown category '" + value
                + "' (expected bug, billing, account_access, feature_request, question or other)");
    }
}
