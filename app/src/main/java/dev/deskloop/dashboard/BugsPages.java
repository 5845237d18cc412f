package dev.deskloop.dashboard;

import java.util.UUID;

import dev.deskloop.bug.Bug;
import dev.deskloop.bug.BugLifecycle;
import dev.deskloop.bug.BugStatus;
import dev.deskloop.bug.Bugs;
import dev.deskloop.bug.DeploySecrets;
import dev.deskloop.bug.LinkedTicket;
import dev.deskloop.platform.Forbidden;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.NotFoundException;
import dev.deskloop.platform.PlatformSettings;
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
 * Bugs: the list (open or shipped, tickets, customers affected) with the deploy webhook and its secret, and one
 * bug with its linked tickets, merge, split and "fix shipped".
 */
@Controller
class BugsPages {

    private final Pages pages;
    private final Bugs bugs;
    private final BugLifecycle lifecycle;
    private final DeploySecrets secrets;
    private final PlatformSettings platform;

    BugsPages(Pages pages, Bugs bugs, BugLifecycle lifecycle, DeploySecrets secrets, PlatformSettings platform) {
        this.pages = pages;
        this.bugs = bugs;
        this.lifecycle = lifecycle;
        this.secrets = secrets;
        this.platform = platform;
    }

    @GetMapping("/w/{workspaceId}/bugs")
    String list(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                @RequestParam(required = false) String status, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        BugStatus filter = BugStatus.fromWireName(status).orElse(null);
        model.addAttribute("bugs", bugs.list(caller.workspaceId(), filter));
        model.addAttribute("status", filter == null ? "" : filter.wireName());
        model.addAttribute("deployUrl", platform.link("/hooks/deploy/" + caller.workspaceId()));
        model.addAttribute("secretCreatedAt", secrets.createdAt(caller.workspaceId()).orElse(null));
        return "bugs";
    }

    @PostMapping("/w/{workspaceId}/bugs/deploy-secret")
    String newSecret(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId, Model model,
                     RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        try {
            flash.addFlashAttribute("deploySecret", secrets.generate(caller));
        } catch (Forbidden e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/w/" + workspaceId + "/bugs";
    }

    @GetMapping("/w/{workspaceId}/bugs/{bugId}")
    String detail(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId, @PathVariable UUID bugId,
                  Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        Bug bug = bugs.of(caller.workspaceId(), bugId).orElseThrow(() -> new NotFoundException("Bug"));
        var linked = bugs.tickets(bugId);
        model.addAttribute("bug", bug);
        model.addAttribute("tickets", linked);
        model.addAttribute("customers", linked.stream().map(LinkedTicket::requesterEmail)
                .filter(e -> e != null && !e.isBlank()).map(String::toLowerCase).distinct().sorted().toList());
        model.addAttribute("others", bugs.list(caller.workspaceId(), BugStatus.OPEN).stream()
                .filter(other -> !other.id().equals(bugId)).toList());
        return "bug";
    }

    @PostMapping("/w/{workspaceId}/bugs/{bugId}/ship")
    String ship(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId, @PathVariable UUID bugId,
                @RequestParam(required = false) String rca, @RequestParam(name = "change_url", required = false) String changeUrl,
                Model model, RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        try {
            lifecycle.ship(caller, bugId, rca, changeUrl);
            flash.addFlashAttribute("notice", "Marked fix shipped. The RCA goes to every linked ticket.");
        } catch (Refusal | Forbidden | InvalidInput e) {
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("rca", rca);
            flash.addFlashAttribute("changeUrl", changeUrl);
        }
        return "redirect:/w/" + workspaceId + "/bugs/" + bugId;
    }

    @PostMapping("/w/{workspaceId}/bugs/{bugId}/merge")
    String merge(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId, @PathVariable UUID bugId,
                 @RequestParam UUID other, Model model, RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        try {
            lifecycle.merge(caller, bugId, other);
            flash.addFlashAttribute("notice", "The other bug's tickets are now linked here.");
        } catch (Refusal | Forbidden | InvalidInput e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/w/" + workspaceId + "/bugs/" + bugId;
    }

    @PostMapping("/w/{workspaceId}/bugs/{bugId}/split")
    String split(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId, @PathVariable UUID bugId,
                 @RequestParam UUID ticket, Model model, RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        try {
            Bug created = lifecycle.split(caller, bugId, ticket);
            flash.addFlashAttribute("notice", "The ticket is split out into a new bug.");
            return "redirect:/w/" + workspaceId + "/bugs/" + created.id();
        } catch (Refusal | Forbidden | InvalidInput e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/w/" + workspaceId + "/bugs/" + bugId;
        }
    }
}
