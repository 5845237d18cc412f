package dev.deskloop.workspace;

import java.util.Arrays;
import java.util.Locale;

import dev.deskloop.platform.InvalidInput;

/**
 * What a member may do in a workspace. Owners and admins administer it; members work in it; viewers only read.
 */
public enum Role {
    OWNER, ADMIN, MEMBER, VIEWER;

    /** The lower-case name used in the database, the API and pages. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean canAdminister() {
        return this == OWNER || this == ADMIN;
    }

    public boolean canWrite() {
        return this != VIEWER;
    }

    public static Role fromWireName(String value) {
        return Arrays.stream(values())
                .filter(role -> role.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInput("role", "must be one of owner, admin, member, viewer"));
    }
}
