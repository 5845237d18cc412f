package dev.deskloop.connection;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.helpdesk.HelpdeskProvider;
import dev.deskloop.helpdesk.HelpdeskProviders;
import dev.deskloop.helpdesk.OAuthGrant;
import dev.deskloop.platform.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out a connection's access token, refreshing it first when it expires soon. A refresh holds the connection's
 * row lock, so one instance refreshes while others wait and then read the new token: with rotating refresh tokens a
 * second concurrent refresh would fail. A refused refresh, or a token the provider no longer accepts, turns the
 * connection into {@code connection_error} with the reason in the audit log.
 */
@Component
public class ConnectionTokens {

    private final Connections connections;
    private final HelpdeskProviders providers;
    private final ConnectionSettings settings;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ConnectionTokens(Connections connections, HelpdeskProviders providers, ConnectionSettings settings, AuditLog audit,
                     TransactionTemplate transaction, Clock clock) {
        this.connections = connections;
        this.providers = providers;
        this.settings = settings;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A usable access token; refreshes first when it expires within the refresh margin. */
    public String accessToken(UUID connectionId) {
        Connection connection = usable(connectionId);
        if (!dueForRefresh(connection)) {
            return connections.accessToken(connectionId);
        }
        return refresh(connectionId, null);
    }

    /**
     * Refreshes now, after the provider answered 401 to {@code refusedToken}, a token that looked valid. When another
     * caller has already replaced that token, returns the replacement without refreshing again: providers that rotate
     * refresh tokens (Zendesk) revoke the previous access token at each refresh, so a second rotation would revoke the
     * token the first caller is about to retry with. Returns the new token, or fails with {@code Unauthorized} after
     * marking the connection {@code connection_error}.
     */
    public String refreshAfterUnauthorized(UUID connectionId, String refusedToken) {
        return refresh(connectionId, Objects.requireNonNull(refusedToken, "refusedToken"));
    }

    /**
     * Runs a provider call with the connection's token; on 401 refreshes once and tries again, and when the provider
     * still refuses, marks the connection {@code connection_error} and rethrows.
     */
    public <T> T withToken(Connection connection, Function<String, T> call) {
        String token = accessToken(connection.id());
        try {
            return call.apply(token);
        } catch (HelpdeskApiException.Unauthorized first) {
            String fresh = refreshAfterUnauthorized(connection.id(), token);
            try {
                return call.apply(fresh);
            } catch (HelpdeskApiException.Unauthorized second) {
                markUnauthorized(connection.id(), connection.provider().displayName()
                        + " refused the token even after a refresh (" + second.getMessage() + "). Reconnect.");
                throw second;
            }
        }
    }

    /** Records that the provider refuses the connection's credentials even after a refresh. */
    public void markUnauthorized(UUID connectionId, String reason) {
        transaction.executeWithoutResult(status -> fail(connectionId, reason));
    }

    /** Refreshes every connection whose access token expires within the margin; returns how many were refreshed. */
    public int refreshDue() {
        int refreshed = 0;
        for (UUID id : connections.dueForRefresh(clock.instant().plus(settings.refreshMargin()))) {
            try {
                refresh(id, null);
                refreshed++;
            } catch (HelpdeskApiException | Refusal e) {
                // Already recorded on the connection; go on with the others.
            }
        }
        return refreshed;
    }

    /** Refreshes when due, or at once when {@code refusedToken} (the token the provider refused) is still the current one. */
    private String refresh(UUID connectionId, String refusedToken) {
        boolean force = refusedToken != null;
        Outcome outcome = transaction.execute(status -> {
            Connection locked = connections.lock(connectionId).orElseThrow(() -> new Refusal("The connection is gone."));
            if (!locked.status().active() || locked.status() == ConnectionStatus.CONNECTION_ERROR) {
                return Outcome.failure(new Refusal(locked.provider().displayName() + " is " + locked.status().wireName()
                        + "; reconnect it in Settings → Integrations."));
            }
            if (!force && !dueForRefresh(locked)) {
                return Outcome.token(connections.accessToken(connectionId)); // another caller refreshed while we waited
            }
            if (force) {
                String current = connections.accessToken(connectionId);
                if (current != null && !current.equals(refusedToken)) {
                    return Outcome.token(current); // another caller replaced the refused token while we waited
                }
            }
            Connections.Secrets secrets = connections.secrets(connectionId);
            HelpdeskProvider helpdesk = providers.get(locked.provider());
            if (secrets.refreshToken() == null) {
                if (force) {
                    fail(connectionId, locked.provider().displayName() + " no longer accepts the token and it cannot be refreshed.");
                    return Outcome.failure(new HelpdeskApiException.Unauthorized("token refused and not refreshable"));
                }
                return Outcome.token(secrets.accessToken());
            }
            try {
                OAuthGrant grant = helpdesk.auth().refresh(locked.account(), secrets.refreshToken())
                        .orElseThrow(() -> new HelpdeskApiException.Unauthorized("the provider cannot refresh tokens"));
                connections.refreshed(connectionId, grant);
                audit.record(locked.workspaceId(), "system", "connection.token_refreshed",
                        locked.provider().displayName() + " " + locked.label(), "access token valid until "
                                + grant.accessExpiresAt());
                return Outcome.token(grant.accessToken());
            } catch (HelpdeskApiException.Unauthorized | HelpdeskApiException.Rejected e) {
                fail(connectionId, "Refreshing the " + locked.provider().displayName() + " token failed ("
                        + e.getMessage() + "). Reconnect to grant access again.");
                return Outcome.failure(new HelpdeskApiException.Unauthorized("refresh refused: " + e.getMessage()));
            }
        });
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.token();
    }

    private void fail(UUID connectionId, String reason) {
        connections.byId(connectionId).ifPresent(connection -> {
            if (connection.status() == ConnectionStatus.CONNECTION_ERROR || !connection.status().active()) {
                return;
            }
            connections.failed(connectionId, reason);
            audit.record(connection.workspaceId(), "system", "connection.error",
                    connection.provider().displayName() + " " + connection.label(), reason);
        });
    }

    private Connection usable(UUID connectionId) {
        Connection connection = connections.byId(connectionId).orElseThrow(() -> new Refusal("The connection is gone."));
        if (connection.status() != ConnectionStatus.CONNECTED && connection.status() != ConnectionStatus.PAUSED) {
            throw new Refusal(connection.provider().displayName() + " is " + connection.status().wireName()
                    + "; reconnect it in Settings → Integrations.");
        }
        return connection;
    }

    private boolean dueForRefresh(Connection connection) {
        return connection.accessExpiresAt() != null
                && !connection.accessExpiresAt().isAfter(clock.instant().plus(settings.refreshMargin()));
    }

    private record Outcome(String token, RuntimeException failure) {
        static Outcome token(String token) {
            return new Outcome(token, null);
        }

        static Outcome failure(RuntimeException failure) {
            return new Outcome(null, failure);
        }
    }
}
