package dev.deskloop.connection;

import java.util.UUID;

/** A connection became {@code connected}: first connect, reconnect after an error, or resume after a pause. */
public record ConnectionActivated(UUID workspaceId, UUID connectionId) {
}
