package dev.deskloop.dashboard;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.deskloop.platform.NotFoundException;
import dev.deskloop.tickets.ServiceCatalogs;
import dev.deskloop.tickets.StoredTicket;
import dev.deskloop.tickets.TicketAttachment;
import dev.deskloop.tickets.TicketFilter;
import dev.deskloop.tickets.TicketTimes;
import dev.deskloop.tickets.Tickets;
import dev.deskloop.tickets.TimeWindowText;
import dev.deskloop.tickets.TriageRecord;
import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.text.HtmlText;
import dev.deskloop.triage.json.TriageJson;
import dev.deskloop.workspace.Caller;
import dev.deskloop.workspace.SignedInUser;
import dev.deskloop.writeback.Outbox;
import dev.deskloop.writeback.TicketTimeline;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Tickets (filter by category, severity, service, status) and one ticket with its messages and their attachments,
 * triage history, the notes Deskloop posted (with a retry for dead ones) and its timeline.
 */
@Controller
class TicketsPages {

    static final int PAGE_SIZE = 50;

    private final Pages pages;
    private final Tickets tickets;
    private final Outbox outbox;
    private final TicketTimeline timeline;
    private final ServiceCatalogs catalogs;
    private final TicketTimes times;

    TicketsPages(Pages pages, Tickets tickets, Outbox outbox, TicketTimeline timeline, ServiceCatalogs catalogs,
                 TicketTimes times) {
        this.pages = pages;
        this.tickets = tickets;
        this.outbox = outbox;
        this.timeline = timeline;
        this.catalogs = catalogs;
        this.times = times;
    }

    @GetMapping("/w/{workspaceId}/tickets")
    String list(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                @RequestParam(required = false) String category, @RequestParam(required = false) String severity,
                @RequestParam(required = false) String service, @RequestParam(required = false) String status,
                @RequestParam(defaultValue = "0") int page, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        TicketFilter filter = new TicketFilter(category, severity, service, status);
        long from = (long) Math.max(0, page) * PAGE_SIZE; // a long: a huge page number must not overflow
        var found = tickets.search(caller.workspaceId(), filter, PAGE_SIZE + 1, from);
        model.addAttribute("tickets", found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found);
        model.addAttribute("hasNext", found.size() > PAGE_SIZE);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("filter", filter);
        // Suggestions for the service filter; any text still filters (a service may have left the catalog).
        model.addAttribute("catalogServices", catalogs.of(caller.workspaceId()).services());
        return "tickets";
    }

    @GetMapping("/w/{workspaceId}/tickets/{ticketId}")
    String detail(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId, @PathVariable UUID ticketId,
                  Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        StoredTicket ticket = tickets.of(caller.workspaceId(), ticketId).orElseThrow(() -> new NotFoundException("Ticket"));
        TicketDocument document = TriageJson.readDocument(tickets.document(ticketId));
        model.addAttribute("ticket", ticket);
        model.addAttribute("document", document);
        // Provider bodies are HTML; people read them as text (escaped again by the template).
        model.addAttribute("bodies", document.messages().stream()
                .map(m -> HtmlText.looksLikeHtml(m.body()) ? HtmlText.toText(m.body()) : m.body()).toList());
        model.addAttribute("attachments", byMessage(tickets.attachments(caller.workspaceId(), ticketId),
                document.messages().size()));
        var history = tickets.triageHistory(ticketId);
        model.addAttribute("history", history);
        if (!history.isEmpty()) {
            // In the zone the triage read the ticket's local times in; older triages did not record it, and are shown
            // in the zone that applies now (the same instants either way).
            TriageRecord latest = history.getFirst();
            ZoneId zone = latest.zone() != null ? latest.zone() : times.of(ticket.connectionId()).zoneFor(ticket);
            model.addAttribute("timeWindow", TimeWindowText.of(latest.triage().timeWindow(), zone));
        }
        model.addAttribute("writes", outbox.ofTicket(caller.workspaceId(), ticketId));
        model.addAttribute("timeline", timeline.of(caller.workspaceId(), ticketId));
        return "ticket";
    }

    /** The attachments of each message, by the message's position (rows beyond the messages are not shown). */
    static List<List<TicketAttachment>> byMessage(List<TicketAttachment> attachments, int messages) {
        List<List<TicketAttachment>> out = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            out.add(new ArrayList<>());
        }
        for (TicketAttachment a : attachments) {
            if (a.messageIndex() >= 0 && a.messageIndex() < messages) {
                out.get(a.messageIndex()).add(a);
            }
        }
        return out;
    }

    @PostMapping("/w/{workspaceId}/tickets/{ticketId}/writes/{writeId}/retry")
    String retry(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId, @PathVariable UUID ticketId,
                 @PathVariable UUID writeId, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        outbox.retry(caller, writeId);
        return "redirect:/w/" + workspaceId + "/tickets/" + ticketId + "#writes";
    }
}
