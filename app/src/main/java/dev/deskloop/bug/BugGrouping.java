package dev.deskloop.bug;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.deskloop.audit.AuditLog;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.tickets.StoredTicket;
import dev.deskloop.tickets.TicketTriaged;
import dev.deskloop.tickets.Tickets;
import dev.deskloop.triage.TextEmbedder;
import dev.deskloop.triage.Triage;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Groups bug tickets: every triage that says "bug" schedules {@code group-bug-ticket}, which links the ticket to the
 * most similar open bug of the same workspace and service when the similarity reaches the threshold, and otherwise
 * opens a new bug. A ticket is linked once: re-triage, a second run of the job or a concurrent one change nothing.
 */
@Configuration(proxyBeanMethods = false)
public class BugGrouping {

    public static final TaskDescriptor<String> TASK = TaskDescriptor.of("group-bug-ticket", String.class);

    private final Bugs bugs;
    private final Tickets tickets;
    private final TextEmbedder embedder;
    private final BugSettings settings;
    private final ObjectProvider<Jobs> jobs;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    BugGrouping(Bugs bugs, Tickets tickets, TextEmbedder embedder, BugSettings settings, ObjectProvider<Jobs> jobs,
                AuditLog audit, TransactionTemplate transaction, Clock clock) {
        this.bugs = bugs;
        this.tickets = tickets;
        this.embedder = embedder;
        this.settings = settings;
        this.jobs = jobs;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Bean
    OneTimeTask<String> groupBugTicketTask() {
        return Tasks.oneTime(TASK)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(5,
                        new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(5))))
                .onDeadExecution(Jobs.reviveOn(clock))
                .execute((instance, context) -> {
                    String[] ids = instance.getData().split(",");
                    group(UUID.fromString(ids[0]), UUID.fromString(ids[1]));
                });
    }

    /** Runs in the triage's transaction, so the job commits together with the result. */
    @EventListener
    void on(TicketTriaged triaged) {
        if (triaged.triage().triage().isBug()) {
            jobs.getObject().scheduleNow(instance(triaged.workspaceId(), triaged.ticket().id(), triaged.triage().version()));
        }
    }

    static TaskInstance<String> instance(UUID workspaceId, UUID ticketId, int version) {
        return TASK.instance(ticketId + ":" + version).data(workspaceId + "," + ticketId).build();
    }

    /** Links the ticket to a bug unless it is linked already; returns the bug, or empty when nothing was done. */
    Optional<UUID> group(UUID workspaceId, UUID ticketId) {
        if (bugs.bugOf(ticketId).isPresent()) {
            return Optional.empty();
        }
        StoredTicket ticket = tickets.of(workspaceId, ticketId).orElse(null);
        if (ticket == null || ticket.latestTriage() == null || !ticket.latestTriage().triage().isBug()) {
            return Optional.empty();
        }
        Triage triage = ticket.latestTriage().triage();
        float[] embedding = embedder.embed(BugText.of(ticket.subject(), triage));
        String service = triage.affectedService();
        try {
            return transaction.execute(status -> {
                if (bugs.bugOf(ticketId).isPresent()) {
                    return Optional.<UUID>empty();
                }
                Optional<Match> best = bugs.openCandidates(workspaceId, service).stream()
                        .map(c -> new Match(c.bugId(), TextEmbedder.cosine(embedding, c.embedding())))
                        .filter(m -> m.similarity() >= settings.similarityThreshold())
                        .max(Comparator.comparingDouble(Match::similarity));
                String target = ticket.provider().displayName() + " ticket " + ticket.externalId();
                if (best.isPresent() && bugs.lock(workspaceId, best.get().bugId()).filter(BugStatus.OPEN::equals).isPresent()) {
                    bugs.link(best.get().bugId(), ticketId, best.get().similarity(), "auto", embedding);
                    audit.record(workspaceId, "system", "bug.ticket_linked", target,
                            "linked to bug " + best.get().bugId() + String.format(java.util.Locale.ROOT,
                                    " (similarity %.3f)", best.get().similarity()));
                    return Optional.of(best.get().bugId());
                }
                UUID bugId = bugs.create(workspaceId, BugText.title(ticket.subject(), triage), service);
                bugs.link(bugId, ticketId, null, "auto", embedding);
                audit.record(workspaceId, "system", "bug.created", target,
                        "opened bug " + bugId + (service == null ? "" : " for " + service));
                return Optional.of(bugId);
            });
        } catch (DuplicateKeyException concurrent) {
            return Optional.empty(); // another run linked this ticket first
        }
    }

    private record Match(UUID bugId, double similarity) {
    }
}
