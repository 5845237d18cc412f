package dev.deskloop.bug.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.deskloop.bug.Bug;
import dev.deskloop.bug.BugLifecycle;
import dev.deskloop.bug.BugStatus;
import dev.deskloop.bug.Bugs;
import dev.deskloop.bug.LinkedTicket;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.NotFoundException;
import dev.deskloop.workspace.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/bugs}: the workspace's bugs with their linked tickets and affected customers, and marking a fix
 * shipped. Other workspaces' bugs answer 404; viewers read but cannot ship.
 */
@RestController
@RequestMapping(path = "/api/v1/bugs", produces = "application/json")
class BugsApi {

    private final Bugs bugs;
    private final BugLifecycle lifecycle;

    BugsApi(Bugs bugs, BugLifecycle lifecycle) {
        this.bugs = bugs;
        this.lifecycle = lifecycle;
    }

    @GetMapping
    List<BugView> list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String status) {
        BugStatus filter = status == null || status.isBlank() ? null : BugStatus.fromWireName(status)
                .orElseThrow(() -> new InvalidInput("status", "must be open or fix_shipped"));
        return bugs.list(caller.workspaceId(), filter).stream().map(BugsApi::view).toList();
    }

    @GetMapping("/{bugId}")
    BugDetail detail(@AuthenticationPrincipal Caller caller, @PathVariable UUID bugId) {
        Bug bug = bugs.of(caller.workspaceId(), bugId).orElseThrow(() -> new NotFoundException("Bug"));
        List<LinkedTicket> linked = bugs.tickets(bugId);
        return new BugDetail(view(bug), linked.stream().map(BugsApi::view).toList(),
                linked.stream().map(LinkedTicket::requesterEmail).filter(e -> e != null && !e.isBlank())
                        .map(String::toLowerCase).distinct().sorted().toList());
    }

    @PostMapping(path = "/{bugId}/ship", consumes = "application/json")
    BugView ship(@AuthenticationPrincipal Caller caller, @PathVariable UUID bugId, @RequestBody Ship body) {
        bugs.of(caller.workspaceId(), bugId).orElseThrow(() -> new NotFoundException("Bug"));
        return view(lifecycle.ship(caller, bugId, body.rca(), body.changeUrl()));
    }

    private static BugView view(Bug bug) {
        return new BugView(bug.id(), bug.title(), bug.affectedService(), bug.status().wireName(), bug.ticketCount(),
                bug.customersAffected(), bug.rcaText(), bug.changeUrl(), bug.createdAt(), bug.shippedAt());
    }

    private static TicketView view(LinkedTicket ticket) {
        return new TicketView(ticket.ticketId(), ticket.provider(), ticket.externalId(), ticket.subject(),
                ticket.requesterName(), ticket.requesterEmail(), ticket.how(), ticket.similarity(), ticket.linkedAt());
    }

    record Ship(String rca, String changeUrl) {
    }

    record BugView(UUID id, String title, String affectedService, String status, int tickets, int customersAffected,
                   String rca, String changeUrl, Instant createdAt, Instant shippedAt) {
    }

    record TicketView(UUID id, String provider, String externalId, String subject, String requesterName,
                      String requesterEmail, String how, Double similarity, Instant linkedAt) {
    }

    record BugDetail(BugView bug, List<TicketView> tickets, List<String> affectedCustomers) {
    }
}
