package dev.deskloop.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.deskloop.audit.AuditLog;
import dev.deskloop.connection.Connection;
import dev.deskloop.connection.ConnectionStatus;
import dev.deskloop.connection.ConnectionTokens;
import dev.deskloop.connection.Connections;
import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.helpdesk.HelpdeskEvent;
import dev.deskloop.helpdesk.HelpdeskMessage;
import dev.deskloop.helpdesk.HelpdeskProvider;
import dev.deskloop.helpdesk.HelpdeskProviders;
import dev.deskloop.helpdesk.HelpdeskTicket;
import dev.deskloop.helpdesk.MalformedDelivery;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.platform.jobs.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processing one stored delivery, for {@link InboxDrain} (first attempt) and the {@code process-delivery} job
 * (retries): reads the delivery, drops our own echoes and out-of-scope tickets, fetches
 * the ticket through the provider (refreshing the token once on 401) and publishes {@link TicketFetched}. Running
 * it twice changes nothing: a finished delivery is skipped. A 429 waits for the provider's time without spending an
 * attempt; other failures back off exponentially until the last attempt dead-letters the delivery.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryProcessing {

    public static final TaskDescriptor<String> TASK = TaskDescriptor.of("process-delivery", String.class);

    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessing.class);

    private final Inbox inbox;
    private final Connections connections;
    private final ConnectionTokens tokens;
    private final HelpdeskProviders providers;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final IngestSettings settings;
    private final TransactionTemplate transaction;
    private final TriagedContent triaged;
    private final Clock clock;

    DeliveryProcessing(Inbox inbox, Connections connections, ConnectionTokens tokens, HelpdeskProviders providers,
                       ApplicationEventPublisher events, AuditLog audit, IngestSettings settings,
                       TransactionTemplate transaction, TriagedContent triaged, Clock clock) {
        this.inbox = inbox;
        this.connections = connections;
        this.tokens = tokens;
        this.providers = providers;
        this.events = events;
        this.audit = audit;
        this.settings = settings;
        this.transaction = transaction;
        this.triaged = triaged;
        this.clock = clock;
    }

    public static TaskInstance<String> instance(UUID inboxId) {
        return TASK.instance(inboxId.toString()).data(inboxId.toString()).build();
    }

    @Bean
    OneTimeTask<String> processDeliveryTask() {
        return Tasks.oneTime(TASK)
                .onFailure(new Retries())
                .onDeadExecution(Jobs.reviveOn(clock))
                .execute((instance, context) -> process(UUID.fromString(instance.getData())));
    }

    void process(UUID inboxId) {
        InboxEntry entry = inbox.byId(inboxId).orElse(null);
        if (entry == null || entry.status() == InboxStatus.DONE || entry.status() == InboxStatus.IGNORED
                || entry.status() == InboxStatus.DEAD) {
            return;
        }
        Connection connection = connections.byId(entry.connectionId()).orElse(null);
        if (connection == null || connection.status() == ConnectionStatus.DISCONNECTED) {
            inbox.finish(inboxId, InboxStatus.IGNORED, "the connection is disconnected");
            return;
        }
        if (connection.status() == ConnectionStatus.PAUSED || connection.status() == ConnectionStatus.CONNECTION_ERROR
                || connection.status() == ConnectionStatus.PENDING) {
            inbox.hold(inboxId, "kept while the connection is " + connection.status().wireName());
            return;
        }
        HelpdeskProvider provider = providers.get(connection.provider());
        HelpdeskEvent event;
        try {
            event = provider.events().event(inbox.payload(inboxId));
        } catch (MalformedDelivery e) {
            inbox.finish(inboxId, InboxStatus.IGNORED, "unreadable payload: " + e.getMessage());
            return;
        }
        if (!(event instanceof HelpdeskEvent.TicketActivity activity)) {
            inbox.finish(inboxId, InboxStatus.IGNORED, ((HelpdeskEvent.Ignored) event).reason());
            return;
        }
        if (activity.activity() == HelpdeskEvent.Activity.AGENT_ACTIVITY) {
            inbox.finish(inboxId, InboxStatus.IGNORED, "agent or app activity (including our own notes): nothing to triage");
            return;
        }
        HelpdeskTicket ticket = fetch(connection, provider, activity.ticketId(), inboxId);
        if (ticket == null) {
            return;
        }
        String skip = skipReason(connection, ticket);
        if (skip == null && activity.activity() == HelpdeskEvent.Activity.MESSAGE_ADDED) {
            skip = nothingNew(connection, ticket);
        }
        if (skip != null) {
            inbox.finish(inboxId, InboxStatus.IGNORED, skip);
            return;
        }
        transaction.executeWithoutResult(status -> {
            events.publishEvent(new TicketFetched(connection.workspaceId(), connection.id(), connection.provider(),
                    ticket, activity.activity()));
            inbox.finish(inboxId, InboxStatus.DONE, null);
        });
    }

    private HelpdeskTicket fetch(Connection connection, HelpdeskProvider provider, String ticketId, UUID inboxId) {
        try {
            return tokens.withToken(connection, token -> provider.client().fetch(connection.account(), token, ticketId));
        } catch (HelpdeskApiException.Unauthorized e) {
            inbox.hold(inboxId, "kept until the connection is repaired: " + e.getMessage());
            return null;
        } catch (dev.deskloop.platform.Refusal e) {
            inbox.hold(inboxId, "kept: " + e.getMessage());
            return null;
        } catch (HelpdeskApiException.NotFound e) {
            inbox.finish(inboxId, InboxStatus.IGNORED, "the ticket no longer exists at the provider");
            return null;
        }
    }

    /**
     * Why a ticket fetched for a new message needs no new triage: it has no customer message that its latest triage
     * did not read. The new message is then our own note or reply coming back, or an agent's. Looking at the customer
     * messages rather than at the newest message matters: when an agent (or Deskloop) wrote after the customer before
     * the customer's delivery was processed, the newest message is not the customer's, yet the customer's is new.
     */
    private String nothingNew(Connection connection, HelpdeskTicket ticket) {
        if (ticket.customerMessages() > triaged.customerMessagesTriaged(connection.id(), ticket.externalId())) {
            return null;
        }
        HelpdeskMessage last = ticket.messages().isEmpty() ? null : ticket.messages().getLast();
        if (last != null && (last.writtenByApp()
                || (connection.actingUserId() != null && connection.actingUserId().equals(last.authorId())))) {
            return "our own note or reply came back: ignored";
        }
        return "no customer message since the last triage: nothing to re-triage";
    }

    /** Why a fetched ticket needs no triage at all: outside the connection's scope, or no customer message. */
    static String skipReason(Connection connection, HelpdeskTicket ticket) {
        String scope = connection.scopeFilter();
        if (scope != null && !scope.isBlank()) {
            boolean inScope = connection.provider() == ProviderId.ZENDESK
                    ? ticket.tags().contains(scope.strip())
                    : scope.strip().equals(ticket.teamId());
            if (!inScope) {
                return "out of scope (" + (connection.provider() == ProviderId.ZENDESK ? "tag " : "team ")
                        + scope.strip() + ")";
            }
        }
        if (ticket.customerMessages() == 0) {
            return "no customer message to triage";
        }
        return null;
    }

    /**
     * Records a failed attempt and says when to try again: at the provider's time for a 429 (no attempt spent), after
     * the backoff otherwise; null when that was the last attempt and the delivery is dead-lettered.
     */
    Instant afterFailure(UUID inboxId, Throwable cause) {
        Instant now = clock.instant();
        if (cause instanceof HelpdeskApiException.RateLimited limited) {
            Instant at = limited.retryAt(now);
            inbox.waiting(inboxId, "rate limited by the provider", at);
            return at;
        }
        String error = cause == null ? "failed" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        int attempts = inbox.attempts(inboxId) + 1;
        if (settings.retry().exhausted(attempts)) {
            inbox.dead(inboxId, attempts, error);
            inbox.byId(inboxId).ifPresent(entry -> audit.record(entry.workspaceId(), "system",
                    "webhook.dead_lettered", entry.provider().displayName() + " delivery " + entry.eventId(),
                    "after " + attempts + " attempts: " + error));
            log.warn("Delivery {} dead-lettered after {} attempts", inboxId, attempts);
            return null;
        }
        Instant next = now.plus(settings.retry().backoff(attempts));
        inbox.failed(inboxId, attempts, error, next);
        return next;
    }

    /** A retry job that failed again follows the same policy. */
    private final class Retries implements FailureHandler<String> {

        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<String> operations) {
            UUID inboxId = UUID.fromString((String) complete.getExecution().taskInstance.getData());
            Instant next = afterFailure(inboxId, complete.getCause().orElse(null));
            if (next == null) {
                operations.stop();
            } else {
                operations.reschedule(complete, next);
            }
        }
    }
}
