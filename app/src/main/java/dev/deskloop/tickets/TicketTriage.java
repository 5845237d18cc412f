package dev.deskloop.tickets;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.deskloop.audit.AuditLog;
import dev.deskloop.ingest.TicketFetched;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.Triage;
import dev.deskloop.triage.TriageContext;
import dev.deskloop.triage.TriageEngine;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores every fetched ticket and triages it in the {@code triage-ticket} job. One job per ticket content (ticket
 * id and message count), so duplicate deliveries triage once, and a customer's new message triages again as the
 * next version. Running the job twice for the same content stores one result.
 */
@Configuration(proxyBeanMethods = false)
public class TicketTriage {

    public static final TaskDescriptor<String> TASK = TaskDescriptor.of("triage-ticket", String.class);

    private final Tickets tickets;
    private final TriageEngine engine;
    private final ObjectProvider<Jobs> jobs;
    private final AuditLog audit;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final ServiceCatalogs catalogs;
    private final TicketTimes times;

    /** {@code jobs} is looked up when used: the job queue is built from the tasks this class defines. */
    TicketTriage(Tickets tickets, TriageEngine engine, ObjectProvider<Jobs> jobs, AuditLog audit, MeterRegistry metrics,
                 Clock clock, ApplicationEventPublisher events, TransactionTemplate transaction,
                 ServiceCatalogs catalogs, TicketTimes times) {
        this.tickets = tickets;
        this.engine = engine;
        this.jobs = jobs;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.events = events;
        this.transaction = transaction;
        this.catalogs = catalogs;
        this.times = times;
    }

    @Bean
    OneTimeTask<String> triageTicketTask() {
        return Tasks.oneTime(TASK)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(5,
                        new FailureHandler.ExponentialBackoffFailureHandler<>(java.time.Duration.ofSeconds(5))))
                .onDeadExecution(Jobs.reviveOn(clock))
                .execute((instance, context) -> triage(UUID.fromString(instance.getData())));
    }

    @EventListener
    void on(TicketFetched fetched) {
        TicketDocument document = TicketDocuments.from(fetched.provider(), fetched.ticket(), clock.instant());
        UUID id = tickets.upsert(fetched.workspaceId(), fetched.connectionId(), fetched.provider(), fetched.ticket(),
                document);
        jobs.getObject().scheduleNow(instance(id, document.messages().size()));
    }

    static TaskInstance<String> instance(UUID ticketId, int messageCount) {
        return TASK.instance(ticketId + ":" + messageCount).data(ticketId.toString()).build();
    }

    /** Triages the ticket's current content unless that content was already triaged. */
    Optional<TriageRecord> triage(UUID ticketId) {
        StoredTicket ticket = tickets.byId(ticketId).orElse(null);
        if (ticket == null) {
            return Optional.empty();
        }
        Optional<TriageRecord> latest = Optional.ofNullable(ticket.latestTriage());
        if (latest.isPresent() && latest.get().messageCount() >= ticket.messageCount()) {
            return Optional.empty();
        }
        TicketDocument document = TicketDocuments.fromJson(tickets.document(ticketId));
        long started = System.nanoTime();
        // The workspace's catalog and the binding's time buffer and zone, as they are when the job runs.
        TicketTimes.Settings time = times.of(ticket.connectionId());
        ZoneId zone = time.zoneFor(ticket);
        TriageContext context = new TriageContext(catalogs.of(ticket.workspaceId()), time.buffer(), zone);
        Triage result = engine.triage(document, context);
        long millis = (System.nanoTime() - started) / 1_000_000;
        metrics.timer("deskloop.triage", "engine", engineName(result)).record(java.time.Duration.ofMillis(millis));
        try {
            return transaction.execute(status -> {
                int version = latest.map(TriageRecord::version).orElse(0) + 1;
                // The count of the messages the engine read (the document), not the row's count read before it.
                TriageRecord stored = tickets.storeTriage(ticket, version, document.messages().size(), result, zone,
                        millis);
                audit.record(ticket.workspaceId(), "system", stored.version() == 1 ? "ticket.triaged" : "ticket.retriaged",
                        ticket.provider().displayName() + " ticket " + ticket.externalId(),
                        result.category().wireName() + (result.severity() == null ? "" : ", " + result.severity().wireName())
                                + ", version " + stored.version() + ", " + result.engine());
                events.publishEvent(new TicketTriaged(ticket.workspaceId(), ticket.connectionId(), ticket.provider(),
                        ticket, stored, latest.orElse(null)));
                return Optional.of(stored);
            });
        } catch (DuplicateKeyException concurrent) {
            // Another run stored this version first. When it read fewer messages than the ticket has now (a message
            // arrived while both ran), the newer content still needs its triage: fail, and the job runs again.
            StoredTicket now = tickets.byId(ticketId).orElse(null);
            if (now != null && now.latestTriage() != null && now.latestTriage().messageCount() < now.messageCount()) {
                throw new IllegalStateException("a concurrent run stored an older triage of ticket " + ticketId
                        + "; triaging its newer messages again");
            }
            return Optional.empty();
        }
    }

    private static String engineName(Triage triage) {
        String engine = triage.engine() == null ? "unknown" : triage.engine();
        int slash = engine.indexOf('/');
        return slash > 0 ? engine.substring(0, slash) : engine;
    }
}
