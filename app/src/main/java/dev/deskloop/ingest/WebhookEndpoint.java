package dev.deskloop.ingest;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
import dev.deskloop.platform.jobs.Jobs;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hooks/{connectionId}} (and {@code /hooks/intercom} for the Intercom app's single URL): checks the
 * signature on the raw bytes before anything parses them, stores the delivery in the inbox and schedules its job in
 * one transaction, and answers only after the commit. A duplicate answers 200 and only counts on its stored
 * delivery; a refused delivery of a known connection is counted by {@link RefusedDeliveries}, never stored.
 */
@RestController
class WebhookEndpoint {

    private static final MediaType JSON = MediaType.APPLICATION_JSON;

    private final Connections connections;
    private final HelpdeskProviders providers;
    private final Inbox inbox;
    private final RefusedDeliveries refused;
    private final Jobs jobs;
    private final RateLimitedAudit audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MeterRegistry metrics;

    WebhookEndpoint(Connections connections, HelpdeskProviders providers, Inbox inbox, RefusedDeliveries refused,
                    Jobs jobs, RateLimitedAudit audit, TransactionTemplate transaction, Clock clock, MeterRegistry metrics) {
        this.connections = connections;
        this.providers = providers;
        this.inbox = inbox;
        this.refused = refused;
        this.jobs = jobs;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Intercom checks that the webhook URL answers HEAD. */
    @RequestMapping(path = {"/hooks/intercom", "/hooks/{connectionId}"}, method = RequestMethod.HEAD)
    ResponseEntity<Void> head() {
        return ResponseEntity.ok().build();
    }

    @RequestMapping(path = "/hooks/intercom", method = RequestMethod.POST)
    ResponseEntity<?> intercom(@RequestBody(required = false) byte[] body, @RequestHeader HttpHeaders headers) {
        byte[] raw = body == null ? new byte[0] : body;
        HelpdeskProvider provider = providers.get(ProviderId.INTERCOM);
        if (provider.events().verify(raw, headers::getFirst, null, clock.instant()) instanceof WebhookCheck.Invalid invalid) {
            return rejected("intercom", null, invalid.reason());
        }
        InboundDelivery delivery;
        try {
            delivery = provider.events().read(raw, headers::getFirst);
        } catch (MalformedDelivery e) {
            return malformed("intercom", null, e.getMessage());
        }
        Optional<Connection> connection = delivery.accountKey() == null ? Optional.empty()
                : connections.activeByAccount(ProviderId.INTERCOM, delivery.accountKey());
        if (connection.isEmpty()) {
            // Never 410: Intercom would disable the app's whole subscription.
            auditLimited("intercom:" + delivery.accountKey(), null, "webhook.dropped", "Intercom delivery",
                    "no active connection for Intercom workspace " + delivery.accountKey());
            metrics.counter("deskloop.webhooks", "provider", "intercom", "outcome", "dropped").increment();
            return answer(HttpStatus.OK, "dropped");
        }
        return store(connection.get(), delivery, raw);
    }

    @RequestMapping(path = "/hooks/{connectionId}", method = RequestMethod.POST)
    ResponseEntity<?> receive(@PathVariable String connectionId, @RequestBody(required = false) byte[] body,
                              @RequestHeader HttpHeaders headers) {
        Optional<UUID> id = Ids.parse(connectionId);
        Optional<Connections.WebhookReceiver> found = id.flatMap(value -> connections.receiver(value, false));
        if (found.isEmpty()) {
            metrics.counter("deskloop.webhooks", "provider", "unknown", "outcome", "unknown_connection").increment();
            return problem(HttpStatus.NOT_FOUND, "Unknown webhook address");
        }
        Connection connection = found.get().connection();
        String provider = connection.provider().wireName();
        MediaType type = headers.getContentType();
        if (type != null && !JSON.isCompatibleWith(type)) {
            String reason = "content type " + type + " is not JSON";
            refused.count(connection, RefusedDelivery.Outcome.MALFORMED, reason);
            auditLimited("type:" + connection.id(), connection.workspaceId(), "webhook.rejected",
                    connection.provider().displayName() + " delivery", reason);
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Webhook bodies must be application/json");
        }
        byte[] raw = body == null ? new byte[0] : body;
        HelpdeskProvider helpdesk = providers.get(connection.provider());
        String secret = connection.provider() == ProviderId.ZENDESK ? found.get().signingSecret() : null;
        WebhookCheck check = helpdesk.events().verify(raw, headers::getFirst, secret, clock.instant());
        if (check instanceof WebhookCheck.Invalid && connection.provider() == ProviderId.ZENDESK) {
            // The secret or the status may have changed since they were read: check once more against the stored row.
            found = connections.receiver(connection.id(), true);
            if (found.isEmpty()) {
                return problem(HttpStatus.NOT_FOUND, "Unknown webhook address");
            }
            connection = found.get().connection();
            secret = found.get().signingSecret();
            check = helpdesk.events().verify(raw, headers::getFirst, secret, clock.instant());
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
            delivery = helpdesk.events().read(raw, headers::getFirst);
        } catch (MalformedDelivery e) {
            return malformed(provider, connection, e.getMessage());
        }
        if (connection.provider() == ProviderId.INTERCOM && delivery.accountKey() != null
                && !delivery.accountKey().equals(connection.account())) {
            return rejected(provider, connection, "delivery is for another Intercom workspace");
        }
        return store(connection, delivery, raw);
    }

    private ResponseEntity<?> store(Connection connection, InboundDelivery delivery, byte[] raw) {
        String provider = connection.provider().wireName();
        boolean ignored = delivery.event() instanceof HelpdeskEvent.Ignored;
        boolean hold = connection.status() != ConnectionStatus.CONNECTED;
        InboxStatus status = ignored ? InboxStatus.IGNORED : hold ? InboxStatus.HELD : InboxStatus.RECEIVED;
        String note = ignored ? ((HelpdeskEvent.Ignored) delivery.event()).reason()
                : hold ? "kept while the connection is " + connection.status().wireName() : null;
        try {
            transaction.executeWithoutResult(tx -> {
                UUID id = inbox.insert(connection.workspaceId(), connection.id(), connection.provider(),
                        delivery.eventId(), cut(delivery.topic()), raw, status, note);
                if (status == InboxStatus.RECEIVED) {
                    jobs.scheduleNew(DeliveryProcessing.instance(id));
                }
            });
        } catch (DuplicateKeyException duplicate) {
            countedDuplicate(connection, delivery);
            return duplicate(provider);
        } catch (TransientDataAccessException contended) {
            // A copy of this delivery is being stored at the same moment (H2 reports that as a lock timeout).
            if (countedDuplicate(connection, delivery)) {
                return duplicate(provider);
            }
            // Not stored: ask the provider to send it again rather than lose it.
            metrics.counter("deskloop.webhooks", "provider", provider, "outcome", "busy").increment();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                    .contentType(JSON).body(Map.of("status", "busy"));
        }
        metrics.counter("deskloop.webhooks", "provider", provider, "outcome", status.wireName()).increment();
        if (ignored) {
            auditLimited("ignored:" + connection.id(), connection.workspaceId(), "webhook.ignored",
                    connection.provider().displayName() + " delivery " + delivery.eventId(), note);
        }
        return answer(HttpStatus.OK, status.wireName());
    }

    private ResponseEntity<?> duplicate(String provider) {
        metrics.counter("deskloop.webhooks", "provider", provider, "outcome", "duplicate").increment();
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

    private ResponseEntity<?> gone(Connection connection) {
        // Zendesk may be told the address is gone; its trigger and webhook were removed at disconnect.
        String reason = "the connection is disconnected";
        refused.count(connection, RefusedDelivery.Outcome.DROPPED, reason);
        auditLimited("gone:" + connection.id(), connection.workspaceId(), "webhook.dropped",
                connection.provider().displayName() + " delivery", reason);
        metrics.counter("deskloop.webhooks", "provider", connection.provider().wireName(), "outcome", "gone").increment();
        if (connection.provider() == ProviderId.INTERCOM) {
            return answer(HttpStatus.OK, "dropped");
        }
        return problem(HttpStatus.GONE, "This connection was disconnected");
    }

    private ResponseEntity<?> rejected(String provider, Connection connection, String reason) {
        metrics.counter("deskloop.webhooks", "provider", provider, "outcome", "rejected").increment();
        if (connection != null) {
            refused.count(connection, RefusedDelivery.Outcome.REJECTED, reason);
        }
        auditLimited("rejected:" + (connection == null ? provider : connection.id()),
                connection == null ? null : connection.workspaceId(), "webhook.rejected",
                (connection == null ? provider : connection.provider().displayName()) + " delivery", reason);
        return problem(HttpStatus.UNAUTHORIZED, "Invalid webhook signature");
    }

    private ResponseEntity<?> malformed(String provider, Connection connection, String reason) {
        metrics.counter("deskloop.webhooks", "provider", provider, "outcome", "malformed").increment();
        if (connection != null) {
            refused.count(connection, RefusedDelivery.Outcome.MALFORMED, reason);
        }
        auditLimited("malformed:" + (connection == null ? provider : connection.id()),
                connection == null ? null : connection.workspaceId(), "webhook.malformed",
                provider + " delivery", reason);
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, reason);
        detail.setTitle("Malformed webhook body");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    /** At most one audit entry per kind and connection a minute, so a flood cannot flood the audit log. */
    private void auditLimited(String key, UUID workspaceId, String action, String target, String details) {
        audit.record(key, workspaceId, "webhook", action, target, details);
    }

    private static ResponseEntity<?> answer(HttpStatus status, String outcome) {
        return ResponseEntity.status(status).contentType(JSON).body(Map.of("status", outcome));
    }

    private static ResponseEntity<?> problem(HttpStatus status, String title) {
        ProblemDetail detail = ProblemDetail.forStatus(status);
        detail.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    private static String cut(String value) {
        return value == null ? null : value.length() > 100 ? value.substring(0, 100) : value;
    }
}
