package dev.deskloop.workspace;

import java.time.Instant;
import java.util.UUID;

/** A person who can sign in. {@code hasPassword} is false until the account's setup link is used. */
public record Account(UUID id, String email, String displayName, boolean hasPassword, Instant createdAt) {
}
