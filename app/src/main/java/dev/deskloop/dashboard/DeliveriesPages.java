package dev.deskloop.dashboard;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.deskloop.ingest.DeliveryRetries;
import dev.deskloop.ingest.Inbox;
import dev.deskloop.ingest.InboxStatus;
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

/** Deliveries: every webhook received, by status, with the error and a Retry button for dead letters. */
@Controller
class DeliveriesPages {

    private final Pages pages;
    private final Inbox inbox;
    private final DeliveryRetries retries;

    DeliveriesPages(Pages pages, Inbox inbox, DeliveryRetries retries) {
        this.pages = pages;
        this.inbox = inbox;
        this.retries = retries;
    }

    @GetMapping("/w/{workspaceId}/deliveries")
    String deliveries(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                      @RequestParam(required = false) String status, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        InboxStatus filter = Arrays.stream(InboxStatus.values()).filter(s -> s.wireName().equals(status))
                .findFirst().orElse(null);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (InboxStatus s : InboxStatus.values()) {
            counts.put(s.wireName(), inbox.count(caller.workspaceId(), s));
        }
        model.addAttribute("counts", counts);
        model.addAttribute("status", filter == null ? "" : filter.wireName());
        model.addAttribute("deliveries", inbox.recent(caller.workspaceId(), filter, 200));
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
