package dev.deskloop.ingest;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.deskloop.audit.RateLimitedAudit;
import dev.deskloop.connection.Connection;
import dev.deskloop.connection.ConnectionStatus;
import dev.deskloop.connection.Connections;
import dev.deskloop.helpdesk.HelpdeskEvent;
import dev.deskloop.helpdesk.HelpdeskProvider;
import dev.deskloop.helpdesk.HelpdeskProviders;
import dev.deskloop.helpdesk.InboundDelivery;
import dev.deskloop.helpdesk.MalformedDelivery;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.helpdesk.WebhookCheck;
import dev.deskloop.platform.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * What {@code POST /hooks/{connectionId}} (and {@code /hooks/intercom} for the Intercom app's single URL) does with a
 * delivery, once {@link WebhookFilter} has read its raw bytes: checks the signature on the raw bytes before anything
 * parses them, stores the delivery in the inbox, answers only after the commit and wakes {@link InboxDrain}, which
 * processes it. A duplicate answers 200 and only counts on its stored delivery; a refused delivery of a known
 * connection is counted by {@link RefusedDeliveries}, never stored.
 */
@Component
class WebhookIntake {

    private static final MediaType JSON = MediaType.APPLICATION_JSON;

    private final Connections connections;
    private final HelpdeskProviders providers;
    private final Inbox inbox;
    private final RefusedDeliveries refused;
    private final InboxDrain drain;
    private final RateLimitedAudit audit;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    WebhookIntake(Connections connections, HelpdeskProviders providers, Inbox inbox, RefusedDeliveries refused,
                  InboxDrain drain, RateLimitedAudit audit, Clock clock, MeterRegistry metrics) {
        this.connections = connections;
        this.providers = providers;
        this.inbox = inbox;
        this.refused = refused;
        this.drain = drain;
        this.audit = audit;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A notification sent to the Intercom app's single address; the connection is found by the workspace's app id. */
    WebhookAnswer intercom(byte[] raw, Function<String, String> headers) {
        HelpdeskProvider provider = providers.get(ProviderId.INTERCOM);
        if (provider.events().verify(raw, headers, null, clock.instant()) instanceof WebhookCheck.Invalid invalid) {
            return rejected("intercom", null, invalid.reason());
        }
        InboundDelivery delivery;
        try {
            delivery = provider.events().read(raw, headers);
        } catch (MalformedDelivery e) {
            return malformed("intercom", null, e.getMessage());
        }
        Optional<Connection> connection = delivery.accountKey() == null ? Optional.empty()
                : connections.activeByAccount(ProviderId.INTERCOM, delivery.accountKey());
        if (connection.isEmpty()) {
            // Never 410: Intercom would disable the app's whole subscription.
            auditLimited("intercom:" + delivery.accountKey(), null, "webhook.dropped", "Intercom delivery",
                    "no active connection for Intercom workspace " + delivery.accountKey());
            count("intercom", "dropped");
            return answer(HttpStatus.OK, "dropped");
        }
        return store(connection.get(), delivery, raw);
    }

    /** A delivery sent to one connection's address; {@code contentType} is the raw header, or null. */
    WebhookAnswer receive(String connectionId, byte[] raw, String contentType, Function<String, String> headers) {
        Optional<UUID> id = Ids.parse(connectionId);
        Optional<Connections.WebhookReceiver> found = id.flatMap(value -> connections.receiver(value, false));
        if (found.isEmpty()) {
            count("unknown", "unknown_connection");
            return problem(HttpStatus.NOT_FOUND, "Unknown webhook address");
        }
        Connection connection = found.get().connection();
        String provider = connection.provider().wireName();
        if (contentType != null && !isJson(contentType)) {
            String reason = "content type " + contentType + " is not JSON";
            refused.count(connection, RefusedDelivery.Outcome.MALFORMED, reason);
            auditLimited("type:" + connection.id(), connection.workspaceId(), "webhook.rejected",
                    connection.provider().displayName() + " delivery", reason);
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Webhook bodies must be application/json");
        }
        HelpdeskProvider helpdesk = providers.get(connection.provider());
        String secret = connection.provider() == ProviderId.ZENDESK ? found.get().signingSecret() : null;
        WebhookCheck check = helpdesk.events().verify(raw, headers, secret, clock.instant());
        if (check instanceof WebhookCheck.Invalid && connection.provider() == ProviderId.ZENDESK) {
            // The secret or the status may have changed since they were read: check once more against the stored row.
            found = connections.receiver(connection.id(), true);
            if (found.isEmpty()) {
                return problem(HttpStatus.NOT_FOUND, "Unknown webhook address");
            }
            connection = found.get().connection();
            secret = found.get().signingSecret();
            check = helpdesk.events().verify(raw, headers, secret, clock.instant());
        }
        if (check instanceof WebhookCheck.Invalid invalid) {
            if (connection.status() == ConnectionStatus.DISCONNECTED && secret == null) {
                return gone(connection);
            }
            return rejected(provider, connection, invalid.reason());
        }
        if (connection.status() == ConnectionStatus.DISCONNECTED) {
            return gone(connection);
        }
        InboundDelivery delivery;
        try {
            delivery = helpdesk.events().read(raw, headers);
        } catch (MalformedDelivery e) {
            return malformed(provider, connection, e.getMessage());
        }
        if (connection.provider() == ProviderId.INTERCOM && delivery.accountKey() != null
                && !delivery.accountKey().equals(connection.account())) {
            return rejected(provider, connection, "delivery is for another Intercom workspace");
        }
        return store(connection, delivery, raw);
    }

    private WebhookAnswer store(Connection connection, InboundDelivery delivery, byte[] raw) {
        String provider = connection.provider().wireName();
        boolean ignored = delivery.event() instanceof HelpdeskEvent.Ignored;
        boolean hold = connection.status() != ConnectionStatus.CONNECTED;
        InboxStatus status = ignored ? InboxStatus.IGNORED : hold ? InboxStatus.HELD : InboxStatus.RECEIVED;
        String note = ignored ? ((HelpdeskEvent.Ignored) delivery.event()).reason()
                : hold ? "kept while the connection is " + connection.status().wireName() : null;
        try {
            // One statement, committed by itself: the answer goes out after it.
            inbox.insert(connection.workspaceId(), connection.id(), connection.provider(), delivery.eventId(),
                    cut(delivery.topic()), raw, status, note);
        } catch (DuplicateKeyException duplicate) {
            countedDuplicate(connection, delivery);
            return duplicate(provider);
        } catch (TransientDataAccessException contended) {
            // A copy of this delivery is being stored at the same moment (H2 reports that as a lock timeout).
            if (countedDuplicate(connection, delivery)) {
                return duplicate(provider);
            }
            // Not stored: ask the provider to send it again rather than lose it.
            count(provider, "busy");
            return WebhookAnswer.busy();
        }
        if (status == InboxStatus.RECEIVED) {
            drain.wake();
        }
        count(provider, status.wireName());
        if (ignored) {
            auditLimited("ignored:" + connection.id(), connection.workspaceId(), "webhook.ignored",
                    connection.provider().displayName() + " delivery " + delivery.eventId(), note);
        }
        return answer(HttpStatus.OK, status.wireName());
    }

    private WebhookAnswer duplicate(String provider) {
        count(provider, "duplicate");
        return answer(HttpStatus.OK, "duplicate");
    }

    /**
     * Counts the duplicate on its stored delivery; false when no delivery of the event is stored (committed) yet, or
     * when the count could not be written (the delivery itself is safe either way).
     */
    private boolean countedDuplicate(Connection connection, InboundDelivery delivery) {
        try {
            return inbox.duplicate(connection.id(), delivery.eventId());
        } catch (DataAccessException e) {
            return false;
        }
    }

    private WebhookAnswer gone(Connection connection) {
        // Zendesk may be told the address is gone; its trigger and webhook were removed at disconnect.
        String reason = "the connection is disconnected";
        refused.count(connection, RefusedDelivery.Outcome.DROPPED, reason);
        auditLimited("gone:" + connection.id(), connection.workspaceId(), "webhook.dropped",
                connection.provider().displayName() + " delivery", reason);
        count(connection.provider().wireName(), "gone");
        if (connection.provider() == ProviderId.INTERCOM) {
            return answer(HttpStatus.OK, "dropped");
        }
        return problem(HttpStatus.GONE, "This connection was disconnected");
    }

    private WebhookAnswer rejected(String provider, Connection connection, String reason) {
        refused(provider, connection, RefusedDelivery.Outcome.REJECTED, reason,
                connection == null ? provider : connection.provider().displayName());
        return problem(HttpStatus.UNAUTHORIZED, "Invalid webhook signature");
    }

    private WebhookAnswer malformed(String provider, Connection connection, String reason) {
        refused(provider, connection, RefusedDelivery.Outcome.MALFORMED, reason, provider);
        return WebhookAnswer.problem(HttpStatus.BAD_REQUEST, "Malformed webhook body", reason);
    }

    /** Counts, tallies and audits (rate-limited) a delivery that is not stored. */
    private void refused(String provider, Connection connection, RefusedDelivery.Outcome outcome, String reason,
                         String sender) {
        String name = outcome.wireName();
        count(provider, name);
        if (connection != null) {
            refused.count(connection, outcome, reason);
        }
        auditLimited(name + ":" + (connection == null ? provider : connection.id()),
                connection == null ? null : connection.workspaceId(), "webhook." + name, sender + " delivery", reason);
    }

    /** Counts a delivery in {@code deskloop.webhooks}; the counters are looked up once, not on every delivery. */
    private void count(String provider, String outcome) {
        counters.computeIfAbsent(provider + ":" + outcome,
                key -> metrics.counter("deskloop.webhooks", "provider", provider, "outcome", outcome)).increment();
    }

    /** At most one audit entry per kind and connection a minute, so a flood cannot flood the audit log. */
    private void auditLimited(String key, UUID workspaceId, String action, String target, String details) {
        audit.record(key, workspaceId, "webhook", action, target, details);
    }

    private static WebhookAnswer answer(HttpStatus status, String outcome) {
        return WebhookAnswer.outcome(status, outcome);
    }

    private static WebhookAnswer problem(HttpStatus status, String title) {
        return WebhookAnswer.problem(status, title, null);
    }

    private static boolean isJson(String contentType) {
        try {
            return JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static String cut(String value) {
        return value == null ? null : value.length() > 100 ? value.substring(0, 100) : value;
    }
}
