package dev.deskloop.dashboard;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.deskloop.ingest.DeliveryRetries;
import dev.deskloop.ingest.Inbox;
import dev.deskloop.ingest.InboxCounts;
import dev.deskloop.ingest.InboxStatus;
import dev.deskloop.ingest.RefusedDeliveries;
import dev.deskloop.ingest.RefusedDelivery;
import dev.deskloop.platform.Forbidden;
import dev.deskloop.platform.Refusal;
import dev.deskloop.workspace.Caller;
import dev.deskloop.workspace.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Deliveries: every webhook received, by status, with the error, how often it arrived again, and a Retry button for
 * dead letters; and the deliveries that were refused (counted, never stored).
 */
@Controller
class DeliveriesPages {

    /** The filter that lists the deliveries which arrived more than once. */
    private static final String DUPLICATE = "duplicate";
    private static final int LIMIT = 200;

    private final Pages pages;
    private final Inbox inbox;
    private final RefusedDeliveries refused;
    private final DeliveryRetries retries;

    DeliveriesPages(Pages pages, Inbox inbox, RefusedDeliveries refused, DeliveryRetries retries) {
        this.pages = pages;
        this.inbox = inbox;
        this.refused = refused;
        this.retries = retries;
    }

    @GetMapping("/w/{workspaceId}/deliveries")
    String deliveries(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                      @RequestParam(required = false) String status, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        InboxStatus filter = Arrays.stream(InboxStatus.values()).filter(s -> s.wireName().equals(status))
                .findFirst().orElse(null);
        boolean duplicates = filter == null && DUPLICATE.equals(status);

        InboxCounts stored = inbox.counts(caller.workspaceId());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (InboxStatus s : InboxStatus.values()) {
            counts.put(s.wireName(), stored.of(s));
        }
        counts.put(DUPLICATE, stored.duplicates());

        List<RefusedDelivery> refusals = refused.of(caller.workspaceId());
        Map<String, Long> refusedCounts = new LinkedHashMap<>();
        for (RefusedDelivery.Outcome outcome : RefusedDelivery.Outcome.values()) {
            refusedCounts.put(outcome.wireName(), refusals.stream().filter(r -> r.outcome() == outcome)
                    .mapToLong(RefusedDelivery::count).sum());
        }

        model.addAttribute("counts", counts);
        model.addAttribute("refusedCounts", refusedCounts);
        model.addAttribute("refused", refusals);
        model.addAttribute("status", filter != null ? filter.wireName() : duplicates ? DUPLICATE : "");
        model.addAttribute("deliveries", duplicates ? inbox.duplicated(caller.workspaceId(), LIMIT)
                : inbox.recent(caller.workspaceId(), filter, LIMIT));
        return "deliveries";
    }

    @PostMapping("/w/{workspaceId}/deliveries/{deliveryId}/retry")
    String retry(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId, @PathVariable UUID deliveryId,
                 Model model, RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        try {
            retries.retry(caller, deliveryId);
            flash.addFlashAttribute("notice", "The delivery is queued again.");
        } catch (Refusal | Forbidden e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/w/" + workspaceId + "/deliveries";
    }
}
