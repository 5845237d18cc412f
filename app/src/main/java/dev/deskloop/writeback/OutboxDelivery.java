package dev.deskloop.writeback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.deskloop.audit.AuditLog;
import dev.deskloop.connection.Connection;
import dev.deskloop.connection.ConnectionStatus;
import dev.deskloop.connection.ConnectionTokens;
import dev.deskloop.connection.Connections;
import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.helpdesk.HelpdeskProviders;
import dev.deskloop.helpdesk.HelpdeskWrite;
import dev.deskloop.helpdesk.HelpdeskWriter;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.helpdesk.WriteTarget;
import dev.deskloop.platform.Refusal;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.tickets.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code deliver-outbox} job (instance id = outbox id): sends one write to the provider, exactly once.
 * <ul>
 * <li>An attempt is counted (committed) before the provider is called. A row tried before may have reached the
 * provider without us recording it (crash, timeout), so its marker is looked for first; if found, the write is
 * recorded as sent without posting again.</li>
 * <li>Writes are paced to stay inside the providers' limits (Zendesk per connection and minute, Intercom over all
 * connections and 10 s): at the limit, the job waits until the oldest write of the window leaves it.</li>
 * <li>429 waits for the provider's time without spending an attempt; 401 refreshes the token once, then keeps the
 * row {@code waiting} until the connection is active again; 5xx and timeouts back off; refusals (other 4xx, 404) and
 * the last attempt dead-letter the row with the provider's message in the audit log.</li>
 * </ul>
 * The handler returns what to do next as a completion handler; only unexpected failures reach the failure handler,
 * which follows the same retry policy.
 */
@Configuration(proxyBeanMethods = false)
public class OutboxDelivery {

    public static final TaskDescriptor<String> TASK = TaskDescriptor.of("deliver-outbox", String.class);

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    private final Outbox outbox;
    private final Connections connections;
    private final ConnectionTokens tokens;
    private final HelpdeskProviders providers;
    private final Tickets tickets;
    private final TicketTimeline timeline;
    private final AuditLog audit;
    private final WritebackSettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    OutboxDelivery(Outbox outbox, Connections connections, ConnectionTokens tokens, HelpdeskProviders providers,
                   Tickets tickets, TicketTimeline timeline, AuditLog audit, WritebackSettings settings,
                   TransactionTemplate transaction, Clock clock) {
        this.outbox = outbox;
        this.connections = connections;
        this.tokens = tokens;
        this.providers = providers;
        this.tickets = tickets;
        this.timeline = timeline;
        this.audit = audit;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    public static TaskInstance<String> instance(UUID outboxId) {
        return TASK.instance(outboxId.toString()).data(outboxId.toString()).build();
    }

    @Bean
    CustomTask<String> deliverOutboxTask() {
        return Tasks.custom(TASK)
                .onFailure(new UnexpectedFailures())
                .onDeadExecution(Jobs.reviveOn(clock))
                .execute((instance, context) -> {
                    Instant next = deliver(UUID.fromString(instance.getData()));
                    return next == null ? new CompletionHandler.OnCompleteRemove<>()
                            : (complete, operations) -> operations.reschedule(complete, next);
                });
    }

    /** Delivers one row; returns when to run again, or null when the row needs no more runs (for now). */
    Instant deliver(UUID outboxId) {
        OutboxEntry row = outbox.byId(outboxId).orElse(null);
        if (row == null || row.status() != OutboxStatus.PENDING) {
            return null;
        }
        Connection connection = connections.byId(row.connectionId()).orElse(null);
        if (connection == null || connection.status() == ConnectionStatus.DISCONNECTED) {
            deadLetter(row, "the connection is disconnected");
            return null;
        }
        if (connection.status() != ConnectionStatus.CONNECTED) {
            outbox.waiting(outboxId, "kept while the connection is " + connection.status().wireName());
            return null;
        }
        Instant now = clock.instant();
        Instant paced = pacedUntil(outboxId, connection, now);
        if (paced != null) {
            return paced;
        }
        String externalId = tickets.externalId(row.workspaceId(), row.ticketId()).orElse(null);
        if (externalId == null) {
            deadLetter(row, "the ticket is gone");
            return null;
        }
        HelpdeskWrite write = marked(outbox.payload(outboxId), row.marker());
        WriteTarget target = new WriteTarget(connection.account(), connection.actingUserId(), externalId);
        HelpdeskWriter writer = providers.get(connection.provider()).writer();
        // A counted attempt may have reached the provider before a crash, a timeout or a person's retry; pacing and
        // refunded 429s did not.
        boolean mayHaveReachedProvider = row.mayHaveReachedProvider();
        outbox.attempting(outboxId);
        try {
            String ref = tokens.withToken(connection, token -> {
                if (mayHaveReachedProvider && !(write instanceof HelpdeskWrite.FieldUpdate)) {
                    Optional<String> found = writer.findMarker(target, token, row.marker());
                    if (found.isPresent()) {
                        log.info("Write {} had already reached {}; not sending it again", outboxId,
                                connection.provider().displayName());
                        return found.get();
                    }
                }
                return writer.post(target, token, write);
            });
            transaction.executeWithoutResult(status -> {
                outbox.sent(outboxId, ref);
                timeline.record(row.workspaceId(), row.ticketId(), kind(write), posted(row, write));
            });
            return null;
        } catch (HelpdeskApiException.RateLimited limited) {
            Instant at = limited.retryAt(now);
            outbox.later(outboxId, "rate limited by the provider until " + at, at, true);
            return at;
        } catch (HelpdeskApiException.Unauthorized | Refusal e) {
            outbox.waiting(outboxId, "kept until the connection is repaired: " + e.getMessage());
            return null;
        } catch (HelpdeskApiException.Rejected | HelpdeskApiException.NotFound e) {
            String message = e instanceof HelpdeskApiException.Rejected rejected
                    ? "refused with " + rejected.status() + ": " + rejected.providerMessage() : e.getMessage();
            deadLetter(row, message);
            return null;
        } catch (HelpdeskApiException.Unavailable e) {
            return retryOrDeadLetter(row, row.attempts() + 1, e.getMessage(), now);
        }
    }

    /**
     * When a write must wait to stay inside the provider's limit, records why and returns when to try again; null when
     * it may go now. Zendesk: {@code zendeskWritesPerMinute} per connection (its limit is per account). Intercom:
     * {@code intercomWritesPerTenSeconds} over all Intercom connections (its limit is per app, in 10-second windows).
     * Concurrent jobs may each see room for one more write; the limits leave a margin below the providers'.
     */
    private Instant pacedUntil(UUID outboxId, Connection connection, Instant now) {
        Duration window;
        int limit;
        Outbox.Sends sends;
        if (connection.provider() == ProviderId.ZENDESK) {
            window = Duration.ofMinutes(1);
            limit = settings.zendeskWritesPerMinute();
            sends = outbox.sentSince(connection.id(), now.minus(window));
        } else {
            window = Duration.ofSeconds(10);
            limit = settings.intercomWritesPerTenSeconds();
            sends = outbox.sentSince(connection.provider(), now.minus(window));
        }
        if (sends.count() < limit) {
            return null;
        }
        Instant at = sends.oldest().plus(window);
        outbox.later(outboxId, "paced: " + sends.count() + " writes to " + connection.provider().displayName()
                + " in the last " + window.toSeconds() + " s", at, false);
        return at;
    }

    /** After failed attempt number {@code attempts}: backs off, or dead-letters the row when it was the last one. */
    private Instant retryOrDeadLetter(OutboxEntry row, int attempts, String error, Instant now) {
        if (settings.retry().exhausted(attempts)) {
            deadLetter(row, "after " + attempts + " attempts: " + error);
            return null;
        }
        Instant next = now.plus(settings.retry().backoff(attempts));
        outbox.later(row.id(), error, next, false);
        return next;
    }

    /**
     * Failures the handler did not expect (a database error, a bug): the attempt was counted before the provider was
     * called, so they back off and dead-letter like a 5xx, and the row never stays pending without a job.
     */
    private final class UnexpectedFailures implements FailureHandler<String> {

        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<String> operations) {
            UUID id = UUID.fromString((String) complete.getExecution().taskInstance.getData());
            Throwable cause = complete.getCause().orElse(null);
            String error = cause == null ? "failed" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            log.warn("Write {} failed unexpectedly: {}", id, error);
            OutboxEntry row = outbox.byId(id).filter(r -> r.status() == OutboxStatus.PENDING).orElse(null);
            Instant next = row == null ? null
                    : retryOrDeadLetter(row, Math.max(1, row.attempts()), error, clock.instant());
            if (next == null) {
                operations.stop();
            } else {
                operations.reschedule(complete, next);
            }
        }
    }

    /** A note or reply with the row's marker as a visible footer; field values are the same when sent twice. */
    static HelpdeskWrite marked(HelpdeskWrite write, String marker) {
        String footer = "<p><i>" + marker + "</i></p>";
        return switch (write) {
            case HelpdeskWrite.InternalNote note -> new HelpdeskWrite.InternalNote(note.html() + footer);
            case HelpdeskWrite.PublicReply reply -> new HelpdeskWrite.PublicReply(reply.html() + footer);
            case HelpdeskWrite.FieldUpdate update -> update;
        };
    }

    private void deadLetter(OutboxEntry row, String error) {
        transaction.executeWithoutResult(status -> {
            outbox.dead(row.id(), error);
            audit.record(row.workspaceId(), "system", "writeback.dead_lettered",
                    row.purpose() + " " + row.idempotencyKey(), error);
            timeline.record(row.workspaceId(), row.ticketId(), TicketTimeline.WRITE_FAILED,
                    "write failed: " + row.purpose() + ": " + error);
        });
        log.warn("Write {} dead-lettered: {}", row.id(), error);
    }

    private static String kind(HelpdeskWrite write) {
        return switch (write) {
            case HelpdeskWrite.InternalNote note -> TicketTimeline.NOTE_POSTED;
            case HelpdeskWrite.PublicReply reply -> TicketTimeline.REPLY_POSTED;
            case HelpdeskWrite.FieldUpdate update -> TicketTimeline.FIELDS_SET;
        };
    }

    private static String posted(OutboxEntry row, HelpdeskWrite write) {
        return switch (write) {
            case HelpdeskWrite.InternalNote note -> "internal note posted (" + row.purpose() + ")";
            case HelpdeskWrite.PublicReply reply -> "public reply posted (" + row.purpose() + ")";
            case HelpdeskWrite.FieldUpdate update -> "fields set: " + String.join(", ", update.values().keySet());
        };
    }
}
