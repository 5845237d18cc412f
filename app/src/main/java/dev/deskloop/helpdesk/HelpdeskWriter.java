package dev.deskloop.helpdesk;

import java.util.Optional;

/**
 * Writes into tickets through a provider's API. Neither Zendesk nor Intercom takes an idempotency key for these
 * writes, so every note and reply carries a visible marker that {@link #findMarker} looks for before a write that
 * may already have happened is sent again. Failures are {@link HelpdeskApiException}s.
 */
public interface HelpdeskWriter {

    /** Sends the write; returns the provider's id of what was written (comment, conversation part, audit). */
    String post(WriteTarget target, String accessToken, HelpdeskWrite write);

    /** The provider's id of the comment or part whose body contains {@code marker}, if the ticket has one. */
    Optional<String> findMarker(WriteTarget target, String accessToken, String marker);
}
