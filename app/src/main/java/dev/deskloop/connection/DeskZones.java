package dev.deskloop.connection;

import dev.deskloop.helpdesk.AccountIdentity;
import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.helpdesk.HelpdeskProviders;
import dev.deskloop.platform.Refusal;
import dev.deskloop.platform.crypto.TokenCipher.SecretUnreadableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the desk's time zone for connections made before Deskloop read it at connect time, so that their tickets'
 * local times are read in it without a reconnect. Each desk is asked until it answers once; a failed call, or a token
 * that cannot be read, is tried again on a later run, after the connections not tried since, so that desks that keep
 * failing never hold up the others.
 */
@Component
class DeskZones {

    private static final Logger log = LoggerFactory.getLogger(DeskZones.class);
    /** Connections asked per run, so that a large upgrade spreads its calls. */
    private static final int PER_RUN = 50;

    private final Connections connections;
    private final ConnectionTokens tokens;
    private final HelpdeskProviders providers;

    DeskZones(Connections connections, ConnectionTokens tokens, HelpdeskProviders providers) {
        this.connections = connections;
        this.tokens = tokens;
        this.providers = providers;
    }

    /** Asks the desks of up to {@link #PER_RUN} such connections; returns how many answered. */
    int readUnread() {
        int read = 0;
        for (Connection connection : connections.deskZoneUnread(PER_RUN)) {
            AccountIdentity identity;
            try {
                identity = tokens.withToken(connection,
                        token -> providers.get(connection.provider()).auth().identify(connection.account(), token));
            } catch (HelpdeskApiException | Refusal | SecretUnreadableException e) {
                log.warn("Could not read the time zone of {} for connection {}: {}",
                        connection.provider().displayName(), connection.id(), e.getMessage());
                connections.deskZoneFailed(connection.id());
                continue;
            }
            connections.deskZoneRead(connection.id(), identity.zone());
            read++;
        }
        return read;
    }
}
