package dev.deskloop.bug;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.NotFoundException;
import dev.deskloop.platform.Refusal;
import dev.deskloop.tickets.StoredTicket;
import dev.deskloop.tickets.Tickets;
import dev.deskloop.workspace.Caller;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What people (and deploy pipelines) do to bugs: mark the fix shipped, merge two bugs, split a ticket out. Every
 * change is audited; shipping queues one RCA reply per linked ticket in the same transaction, and tickets that join a
 * shipped bug later (by a merge) get it too.
 */
@Component
public class BugLifecycle {

    static final int MAX_RCA = 10_000;
    static final int MAX_URL = 2_000;

    private final Bugs bugs;
    private final Tickets tickets;
    private final RcaReplies replies;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    BugLifecycle(Bugs bugs, Tickets tickets, RcaReplies replies, AuditLog audit, TransactionTemplate transaction,
                 Clock clock) {
        this.bugs = bugs;
        this.tickets = tickets;
        this.replies = replies;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Marks the bug fix-shipped and queues its RCA; refused when it was shipped already. */
    public Bug ship(Caller caller, UUID bugId, String rca, String changeUrl) {
        caller.requireWriter();
        String text = validRca(rca);
        String url = validChangeUrl(changeUrl);
        return transaction.execute(status -> {
            BugStatus current = bugs.lock(caller.workspaceId(), bugId).orElseThrow(() -> new NotFoundException("Bug"));
            if (current == BugStatus.FIX_SHIPPED) {
                throw new Refusal("This bug is already marked fix shipped; its RCA was sent.");
            }
            shipLocked(caller.workspaceId(), bugId, text, url, caller.email());
            return bugs.of(caller.workspaceId(), bugId).orElseThrow();
        });
    }

    /** What the deploy webhook did to each bug it named. */
    public enum DeployOutcome { SHIPPED, ALREADY_SHIPPED }

    /** What a deploy did for one named bug: the outcome, and the bug that was shipped (another when it was merged). */
    public record Deployed(DeployOutcome outcome, UUID bugId) {
    }

    /**
     * Ships every named bug of the workspace in one transaction; bugs already shipped are left as they are (a
     * redelivered deploy hook changes nothing). A bug merged into another since the pipeline learnt its id ships the
     * bug it went into. Unknown ids refuse the whole request.
     */
    public Map<UUID, Deployed> shipFromDeploy(UUID workspaceId, List<UUID> bugIds, String rca, String changeUrl) {
        if (bugIds == null || bugIds.isEmpty()) {
            throw new InvalidInput("bug_ids", "must name at least one bug");
        }
        if (bugIds.size() > 100) {
            throw new InvalidInput("bug_ids", "may name at most 100 bugs");
        }
        String text = validRca(rca);
        String url = validChangeUrl(changeUrl);
        return transaction.execute(status -> {
            Map<UUID, UUID> effective = new LinkedHashMap<>();
            for (UUID id : bugIds.stream().distinct().sorted().toList()) {
                effective.put(id, bugs.mergedInto(workspaceId, id).orElse(id));
            }
            Map<UUID, DeployOutcome> byBug = new LinkedHashMap<>();
            List<UUID> unknown = new ArrayList<>();
            for (UUID id : new TreeSet<>(effective.values())) { // locks in id order
                bugs.lock(workspaceId, id).ifPresentOrElse(
                        current -> byBug.put(id, current == BugStatus.OPEN ? DeployOutcome.SHIPPED
                                : DeployOutcome.ALREADY_SHIPPED),
                        () -> unknown.add(id));
            }
            if (!unknown.isEmpty()) {
                throw new InvalidInput("bug_ids", "names bugs this workspace does not have: " + effective.entrySet()
                        .stream().filter(e -> unknown.contains(e.getValue())).map(Map.Entry::getKey).toList());
            }
            byBug.forEach((id, outcome) -> {
                if (outcome == DeployOutcome.SHIPPED) {
                    shipLocked(workspaceId, id, text, url, "deploy webhook");
                }
            });
            Map<UUID, Deployed> outcomes = new LinkedHashMap<>();
            effective.forEach((requested, bug) -> outcomes.put(requested, new Deployed(byBug.get(bug), bug)));
            return outcomes;
        });
    }

    private void shipLocked(UUID workspaceId, UUID bugId, String rca, String url, String actor) {
        bugs.ship(bugId, rca, url, clock.instant());
        Bug bug = bugs.of(workspaceId, bugId).orElseThrow();
        List<LinkedTicket> linked = bugs.tickets(bugId);
        for (LinkedTicket ticket : linked) {
            replies.enqueue(workspaceId, bug, ticket);
        }
        audit.record(workspaceId, actor, "bug.fix_shipped", "bug " + bugId + " " + bug.title(),
                "RCA queued for " + linked.size() + " ticket(s)" + (url == null ? "" : ", change " + url));
    }

    /** Moves every ticket of {@code otherId} into {@code intoId} and deletes {@code otherId}. */
    public Bug merge(Caller caller, UUID intoId, UUID otherId) {
        caller.requireWriter();
        if (intoId.equals(otherId)) {
            throw new InvalidInput("other", "must be another bug");
        }
        return transaction.execute(status -> {
            // Lock in id order so that two opposite merges cannot deadlock.
            UUID first = intoId.compareTo(otherId) < 0 ? intoId : otherId;
            UUID second = first.equals(intoId) ? otherId : intoId;
            BugStatus firstStatus = bugs.lock(caller.workspaceId(), first).orElseThrow(() -> new NotFoundException("Bug"));
            BugStatus secondStatus = bugs.lock(caller.workspaceId(), second).orElseThrow(() -> new NotFoundException("Bug"));
            BugStatus otherStatus = first.equals(otherId) ? firstStatus : secondStatus;
            if (otherStatus == BugStatus.FIX_SHIPPED) {
                throw new Refusal("A bug whose fix shipped cannot be merged into another one; merge the other way round.");
            }
            List<LinkedTicket> moving = bugs.tickets(otherId);
            Bug other = bugs.of(caller.workspaceId(), otherId).orElseThrow();
            bugs.move(otherId, intoId, null, "merged");
            bugs.delete(otherId);
            bugs.recordMerge(caller.workspaceId(), otherId, intoId, clock.instant());
            Bug into = bugs.of(caller.workspaceId(), intoId).orElseThrow();
            if (into.shipped()) {
                moving.forEach(ticket -> replies.enqueue(caller.workspaceId(), into, ticket));
            }
            audit.record(caller.workspaceId(), caller.email(), "bug.merged", "bug " + intoId + " " + into.title(),
                    "merged bug " + otherId + " (" + other.title() + ") with " + moving.size() + " ticket(s)"
                            + (into.shipped() ? "; RCA queued for them" : ""));
            return into;
        });
    }

    /** Moves one ticket out of a bug into a new open bug of its own. */
    public Bug split(Caller caller, UUID bugId, UUID ticketId) {
        caller.requireWriter();
        return transaction.execute(status -> {
            bugs.lock(caller.workspaceId(), bugId).orElseThrow(() -> new NotFoundException("Bug"));
            Bug from = bugs.of(caller.workspaceId(), bugId).orElseThrow();
            if (bugs.bugOf(ticketId).filter(bugId::equals).isEmpty()) {
                throw new InvalidInput("ticket", "is not linked to this bug");
            }
            if (from.ticketCount() < 2) {
                throw new Refusal("This is the bug's only ticket; there is nothing to split it from.");
            }
            if (from.status() == BugStatus.FIX_SHIPPED) {
                // Its customers got (or are getting) the root-cause reply; in a new bug the ticket would get another.
                throw new Refusal("This bug's fix has shipped and its customers have had the root-cause reply; "
                        + "its tickets stay with it.");
            }
            StoredTicket ticket = tickets.of(caller.workspaceId(), ticketId).orElseThrow(() -> new NotFoundException("Ticket"));
            String title = ticket.latestTriage() == null ? from.title()
                    : BugText.title(ticket.subject(), ticket.latestTriage().triage());
            String service = ticket.latestTriage() == null ? from.affectedService()
                    : ticket.latestTriage().triage().affectedService();
            UUID created = bugs.create(caller.workspaceId(), title, service);
            bugs.move(bugId, created, ticketId, "split");
            audit.record(caller.workspaceId(), caller.email(), "bug.split", "bug " + bugId + " " + from.title(),
                    ticket.provider().displayName() + " ticket " + ticket.externalId() + " moved to new bug " + created);
            return bugs.of(caller.workspaceId(), created).orElseThrow();
        });
    }

    static String validRca(String rca) {
        if (rca == null || rca.isBlank()) {
            throw new InvalidInput("rca", "is required");
        }
        if (rca.length() > MAX_RCA) {
            throw new InvalidInput("rca", "must be at most " + MAX_RCA + " characters");
        }
        return rca.strip();
    }

    static String validChangeUrl(String changeUrl) {
        if (changeUrl == null || changeUrl.isBlank()) {
            return null;
        }
        String url = changeUrl.strip();
        if (url.length() > MAX_URL) {
            throw new InvalidInput("change_url", "must be at most " + MAX_URL + " characters");
        }
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidInput("change_url", "must be an http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidInput("change_url", "must be an http(s) URL");
        }
        return url;
    }
}
