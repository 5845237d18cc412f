package dev.deskloop.connection;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import dev.deskloop.audit.AuditLog;
import dev.deskloop.helpdesk.AccountIdentity;
import dev.deskloop.helpdesk.AuthorizationRequest;
import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.helpdesk.HelpdeskProvider;
import dev.deskloop.helpdesk.HelpdeskProviders;
import dev.deskloop.helpdesk.OAuthGrant;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.helpdesk.WebhookRegistration;
import dev.deskloop.platform.NotFoundException;
import dev.deskloop.platform.PlatformSettings;
import dev.deskloop.platform.Refusal;
import dev.deskloop.workspace.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connects, reconnects, pauses, resumes and disconnects support desks. Only owners and admins change connections;
 * a workspace has at most one active connection; a connect flow that fails half-way removes what it created at the
 * provider and leaves no connection behind. Every step is audited.
 */
@Component
public class ConnectionLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLifecycle.class);

    /** Longer than any connect flow takes from its decision to its stored registration. */
    static final Duration PENDING_LIFETIME = Duration.ofMinutes(5);

    private final Connections connections;
    private final OAuthStates states;
    private final HelpdeskProviders providers;
    private final AuditLog audit;
    private final PlatformSettings platform;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final ConnectionTokens tokens;
    private final Clock clock;

    ConnectionLifecycle(Connections connections, OAuthStates states, HelpdeskProviders providers, AuditLog audit,
                        PlatformSettings platform, TransactionTemplate transaction, ApplicationEventPublisher events,
                        ConnectionTokens tokens, Clock clock) {
        this.connections = connections;
        this.states = states;
        this.providers = providers;
        this.audit = audit;
        this.platform = platform;
        this.transaction = transaction;
        this.events = events;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Whether Deskloop has OAuth client credentials for the provider. */
    public boolean configured(ProviderId provider) {
        return providers.get(provider).auth().configured();
    }

    /**
     * Starts a connect flow and returns the provider's consent-screen URL to send the browser to. Refused while the
     * workspace has another active connection.
     */
    public URI start(Caller caller, ProviderId provider, String accountInput) {
        caller.requireAdministrator();
        requireConfigured(provider);
        HelpdeskProvider helpdesk = providers.get(provider);
        String account = helpdesk.auth().account(accountInput);
        blocking(caller.workspaceId(), null).ifPresent(other -> {
            throw new Refusal(secondRefused(other));
        });
        return begin(caller, helpdesk, account, null);
    }

    /** Starts a new consent flow for an existing connection (after an error, or after a disconnect). */
    public URI reconnect(Caller caller, UUID connectionId) {
        caller.requireAdministrator();
        Connection connection = connections.of(caller.workspaceId(), connectionId)
                .orElseThrow(() -> new NotFoundException("Connection"));
        requireConfigured(connection.provider());
        blocking(caller.workspaceId(), connectionId).ifPresent(other -> {
            throw new Refusal(secondRefused(other));
        });
        String account = connection.provider() == ProviderId.ZENDESK ? connection.account() : null;
        return begin(caller, providers.get(connection.provider()), account, connectionId);
    }

    private URI begin(Caller caller, HelpdeskProvider helpdesk, String account, UUID connectionId) {
        var started = states.start(caller.workspaceId(), caller.userId(), helpdesk.id(), account, connectionId);
        URI url = helpdesk.auth().authorizationUrl(new AuthorizationRequest(account, started.state(),
                CodeChallenge.compute(CodeChallengeMethod.S256, started.verifier()).getValue(),
                redirectUri(helpdesk.id())));
        audit.record(caller.workspaceId(), caller.email(), "connection.started", helpdesk.id().displayName()
                + (account == null ? "" : " " + account), connectionId == null ? "new connection" : "reconnect " + connectionId);
        return url;
    }

    /**
     * Finishes a flow when the browser comes back from the provider. Exactly one of {@code code} and {@code error}
     * is normally present. The state must be unused, unexpired and belong to the signed-in user.
     */
    public Completion complete(ProviderId provider, UUID signedInUserId, String actorEmail, String state, String code,
                               String error) {
        Optional<OAuthStates.Pending> found = states.consume(provider, state);
        if (found.isEmpty()) {
            return Completion.failed(null, "This connect link has expired or was already used. Start again.");
        }
        OAuthStates.Pending pending = found.get();
        if (!pending.userId().equals(signedInUserId)) {
            return Completion.failed(null, "This connect flow was started by someone else. Start again.");
        }
        UUID workspaceId = pending.workspaceId();
        if (error != null && !error.isBlank()) {
            boolean denied = "access_denied".equals(error);
            audit.record(workspaceId, actorEmail, denied ? "connection.denied" : "connection.failed",
                    provider.displayName(), "provider answered " + cut(error));
            return Completion.failed(workspaceId, denied
                    ? provider.displayName() + " access was denied on the consent screen. Nothing was connected."
                    : provider.displayName() + " reported an error (" + cut(error) + "). Nothing was connected.");
        }
        if (code == null || code.isBlank() || code.length() > 2048) {
            return Completion.failed(workspaceId, provider.displayName() + " sent no authorization code. Start again.");
        }
        HelpdeskProvider helpdesk = providers.get(provider);
        OAuthGrant grant;
        AccountIdentity identity;
        try {
            grant = helpdesk.auth().exchange(pending.account(), code, pending.codeVerifier(), redirectUri(provider));
        } catch (HelpdeskApiException e) {
            audit.record(workspaceId, actorEmail, "connection.failed", provider.displayName(), "token exchange: " + e.getMessage());
            return Completion.failed(workspaceId, "Exchanging the authorization code with " + provider.displayName()
                    + " failed: " + plain(e) + " Start again.");
        }
        try {
            identity = helpdesk.auth().identify(pending.account(), grant.accessToken());
        } catch (HelpdeskApiException e) {
            discardQuietly(helpdesk, pending.account(), grant.accessToken());
            audit.record(workspaceId, actorEmail, "connection.failed", provider.displayName(), "identify: " + e.getMessage());
            return Completion.failed(workspaceId, "Reading the connected account from " + provider.displayName()
                    + " failed: " + plain(e) + " Start again.");
        }
        return attach(helpdesk, pending, identity, grant, actorEmail);
    }

    private Completion attach(HelpdeskProvider helpdesk, OAuthStates.Pending pending, AccountIdentity identity,
                              OAuthGrant grant, String actorEmail) {
        UUID workspaceId = pending.workspaceId();
        String account = identity.accountKey();
        // Decide under the workspace lock, so that two flows finishing together cannot both connect.
        Decision decision = transaction.execute(status -> {
            connections.lockWorkspace(workspaceId);
            Optional<Connection> other = blocking(workspaceId, pending.connectionId());
            if (other.isPresent()) {
                return Decision.refuse(secondRefused(other.get()));
            }
            if (!connections.activeElsewhere(helpdesk.id(), account, workspaceId).isEmpty()) {
                return Decision.refuse(identity.accountName() + " is already connected to another Deskloop workspace.");
            }
            Optional<Connection> reconnected = Optional.ofNullable(pending.connectionId())
                    .flatMap(id -> connections.of(workspaceId, id))
                    .filter(c -> c.provider() == helpdesk.id());
            if (reconnected.isPresent() && !account.equals(reconnected.get().account())) {
                Connection repaired = reconnected.get();
                if (repaired.status() != ConnectionStatus.DISCONNECTED) {
                    // A reconnect must not turn into a second connection beside the one it was meant to repair.
                    return Decision.refuse("You chose " + identity.accountName() + ", but this connection is to "
                            + repaired.label() + ". Reconnect it with " + repaired.label() + ", or disconnect it and "
                            + "connect " + identity.accountName() + " as a new desk.");
                }
                // Reconnecting a disconnected connection with another account connects that account as a new desk.
                reconnected = Optional.empty();
            }
            connections.abandonPending(workspaceId, clock.instant().minus(PENDING_LIFETIME));
            Optional<Connection> reuse = reconnected
                    .or(() -> connections.latestFor(workspaceId, helpdesk.id(), account));
            if (reuse.isPresent()) {
                return Decision.use(reuse.get().id(), reuse.get(), false);
            }
            return Decision.use(connections.insertPending(workspaceId, helpdesk.id(), account), null, true);
        });
        if (decision.refusal() != null) {
            discardQuietly(helpdesk, pending.account(), grant.accessToken());
            audit.record(workspaceId, actorEmail, "connection.refused", helpdesk.id().displayName(), decision.refusal());
            return Completion.failed(workspaceId, decision.refusal());
        }
        UUID connectionId = decision.connectionId();
        WebhookRegistration registration;
        try {
            if (decision.existing() != null && decision.existing().webhookId() != null) {
                // Still registered (reconnect after an error): remove it, the new token registers afresh.
                unregisterQuietly(helpdesk, account, grant.accessToken(), decision.existing().registration(),
                        connectionId);
            }
            registration = helpdesk.webhooks().register(account, grant.accessToken(), webhookUrl(connectionId));
        } catch (HelpdeskApiException e) {
            discardQuietly(helpdesk, account, grant.accessToken());
            if (decision.created()) {
                connections.delete(connectionId);
            }
            boolean leftBehind = e.getSuppressed().length > 0;
            audit.record(workspaceId, actorEmail, "connection.failed", helpdesk.id().displayName() + " " + identity.accountName(),
                    "webhook registration: " + e.getMessage()
                            + (leftBehind ? "; removing what was registered failed too: " + e.getSuppressed()[0].getMessage() : ""));
            return Completion.failed(workspaceId, "Registering the webhook at " + helpdesk.id().displayName()
                    + " failed: " + plain(e) + (leftBehind
                    ? " Part of what was registered could not be removed: delete the webhook and triggers named"
                            + " \"Deskloop\" in " + helpdesk.id().displayName() + "'s admin settings, then start again."
                    : " Nothing was left behind; start again."));
        }
        if (!connections.connected(connectionId, decision.created(), identity, grant, registration)) {
            // Registering took so long that another flow took this one for dead and let its row go.
            unregisterQuietly(helpdesk, account, grant.accessToken(), registration, connectionId);
            discardQuietly(helpdesk, account, grant.accessToken());
            audit.record(workspaceId, actorEmail, "connection.failed", helpdesk.id().displayName() + " "
                    + identity.accountName(), "connection " + connectionId + " was given up while it was being set up");
            return Completion.failed(workspaceId, "Setting up the connection took longer than "
                    + PENDING_LIFETIME.toMinutes() + " minutes, and it was given up meanwhile. Start again.");
        }
        events.publishEvent(new ConnectionActivated(workspaceId, connectionId));
        audit.record(workspaceId, actorEmail, decision.created() ? "connection.connected" : "connection.reconnected",
                helpdesk.id().displayName() + " " + identity.accountName(), "connection " + connectionId);
        return Completion.connected(workspaceId, connectionId,
                helpdesk.id().displayName() + " (" + identity.accountName() + ") is connected.");
    }

    public void pause(Caller caller, UUID connectionId) {
        caller.requireAdministrator();
        transition(caller, connectionId, ConnectionStatus.CONNECTED, ConnectionStatus.PAUSED, "connection.paused");
    }

    public void resume(Caller caller, UUID connectionId) {
        caller.requireAdministrator();
        transition(caller, connectionId, ConnectionStatus.PAUSED, ConnectionStatus.CONNECTED, "connection.resumed");
    }

    private void transition(Caller caller, UUID connectionId, ConnectionStatus from, ConnectionStatus to, String action) {
        transaction.executeWithoutResult(status -> {
            Connection current = connections.lock(connectionId)
                    .filter(c -> c.workspaceId().equals(caller.workspaceId()))
                    .orElseThrow(() -> new NotFoundException("Connection"));
            if (current.status() == to) {
                return;
            }
            if (current.status() != from) {
                throw new Refusal("The connection is " + current.status().wireName() + "; it cannot be "
                        + (to == ConnectionStatus.PAUSED ? "paused" : "resumed") + " now.");
            }
            connections.status(connectionId, to);
            if (to == ConnectionStatus.CONNECTED) {
                events.publishEvent(new ConnectionActivated(caller.workspaceId(), connectionId));
            }
            audit.record(caller.workspaceId(), caller.email(), action, current.provider().displayName() + " "
                    + current.label(), "connection " + connectionId);
        });
    }

    /**
     * Removes the webhook and triggers (Zendesk) or uninstalls the app (Intercom), revokes the token and marks the
     * connection disconnected. Provider failures do not stop the disconnect; they are audited. Data stays.
     */
    public void disconnect(Caller caller, UUID connectionId) {
        caller.requireAdministrator();
        Connection connection = connections.of(caller.workspaceId(), connectionId)
                .orElseThrow(() -> new NotFoundException("Connection"));
        if (connection.status() == ConnectionStatus.DISCONNECTED) {
            return;
        }
        HelpdeskProvider helpdesk = providers.get(connection.provider());
        String accessToken = usableToken(connection);
        StringBuilder problems = new StringBuilder();
        boolean registrationRemoved = accessToken == null && connection.webhookId() == null;
        if (accessToken != null) {
            try {
                helpdesk.webhooks().unregister(connection.account(), accessToken, connection.registration());
                registrationRemoved = true;
            } catch (HelpdeskApiException e) {
                problems.append("removing the webhook failed (webhook ").append(connection.webhookId())
                        .append(", triggers ").append(connection.triggerIds()).append(", kept for the next reconnect): ")
                        .append(e.getMessage()).append("; ");
            }
            try {
                helpdesk.auth().revoke(connection.account(), accessToken);
            } catch (HelpdeskApiException e) {
                problems.append("revoking the token failed: ").append(e.getMessage()).append("; ");
            }
        }
        // Ids of a registration that could not be removed stay, so that reconnecting this connection removes it.
        connections.disconnected(connectionId, registrationRemoved);
        audit.record(caller.workspaceId(), caller.email(), "connection.disconnected",
                connection.provider().displayName() + " " + connection.label(),
                problems.isEmpty() ? "webhook removed, token revoked" : problems.toString().strip());
    }

    /** The access token to clean up with: refreshed first when it is due, else the stored one (it may still work). */
    private String usableToken(Connection connection) {
        try {
            return tokens.accessToken(connection.id());
        } catch (HelpdeskApiException | Refusal e) {
            return connections.accessToken(connection.id());
        }
    }

    URI redirectUri(ProviderId provider) {
        return URI.create(platform.link("/oauth/" + provider.wireName() + "/callback"));
    }

    URI webhookUrl(UUID connectionId) {
        return URI.create(platform.link("/hooks/" + connectionId));
    }

    private void requireConfigured(ProviderId provider) {
        if (!configured(provider)) {
            throw new Refusal(provider.displayName() + " is not configured: set DESKLOOP_" + provider.name()
                    + "_CLIENT_ID and DESKLOOP_" + provider.name() + "_CLIENT_SECRET.");
        }
    }

    /**
     * The connection that keeps another from being connected in the workspace: any that is not disconnected, except
     * {@code except} (the one being reconnected) and a pending row older than {@link #PENDING_LIFETIME}, left by a flow
     * that died half-way. A younger pending row is another flow registering its webhook right now.
     */
    private Optional<Connection> blocking(UUID workspaceId, UUID except) {
        Instant settingUpSince = clock.instant().minus(PENDING_LIFETIME);
        return connections.notDisconnected(workspaceId).stream()
                .filter(c -> !c.id().equals(except))
                .filter(c -> c.status() != ConnectionStatus.PENDING || c.createdAt().isAfter(settingUpSince))
                .findFirst();
    }

    private static String secondRefused(Connection other) {
        if (other.status() == ConnectionStatus.PENDING) {
            return "Another connection to " + other.provider().displayName() + " is being set up in this workspace "
                    + "right now. If no one else is connecting, start again in " + PENDING_LIFETIME.toMinutes()
                    + " minutes.";
        }
        return "This workspace is already connected to " + other.provider().displayName() + " (" + other.label()
                + "). Disconnect it before connecting another desk.";
    }

    private void discardQuietly(HelpdeskProvider helpdesk, String account, String accessToken) {
        try {
            helpdesk.auth().discardUnused(account, accessToken);
        } catch (HelpdeskApiException e) {
            log.warn("Could not revoke a {} token after a failed connect: {}", helpdesk.id().wireName(), e.getMessage());
        }
    }

    private void unregisterQuietly(HelpdeskProvider helpdesk, String account, String accessToken,
                                   WebhookRegistration registration, UUID connectionId) {
        try {
            helpdesk.webhooks().unregister(account, accessToken, registration);
        } catch (HelpdeskApiException e) {
            log.warn("Could not remove the {} webhook {} of connection {}: {}", helpdesk.id().wireName(),
                    registration.webhookId(), connectionId, e.getMessage());
        }
    }

    private static String plain(HelpdeskApiException e) {
        return switch (e) {
            case HelpdeskApiException.Unauthorized u -> "the provider refused our credentials (" + u.getMessage() + ").";
            case HelpdeskApiException.RateLimited r -> "the provider is rate limiting us; wait a minute.";
            case HelpdeskApiException.NotFound n -> "the provider does not know that account or address.";
            case HelpdeskApiException.Rejected r -> "the provider rejected the request (" + r.providerMessage() + ").";
            case HelpdeskApiException.Unavailable u -> "the provider could not be reached.";
        };
    }

    private static String cut(String value) {
        String printable = value.replaceAll("[^\\p{Alnum}_ .:-]", "");
        return printable.length() > 80 ? printable.substring(0, 80) : printable;
    }

    /** How a flow ended, with a message for the person who started it. */
    public record Completion(UUID workspaceId, UUID connectionId, boolean succeeded, String message) {

        static Completion failed(UUID workspaceId, String message) {
            return new Completion(workspaceId, null, false, message);
        }

        static Completion connected(UUID workspaceId, UUID connectionId, String message) {
            return new Completion(workspaceId, connectionId, true, message);
        }
    }

    private record Decision(UUID connectionId, Connection existing, boolean created, String refusal) {
        static Decision refuse(String message) {
            return new Decision(null, null, false, message);
        }

        static Decision use(UUID id, Connection existing, boolean created) {
            return new Decision(id, existing, created, null);
        }
    }
}
