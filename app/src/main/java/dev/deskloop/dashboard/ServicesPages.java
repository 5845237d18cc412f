package dev.deskloop.dashboard;

import java.util.UUID;

import dev.deskloop.platform.InvalidInput;
import dev.deskloop.tickets.ServiceCatalogs;
import dev.deskloop.workspace.Caller;
import dev.deskloop.workspace.SignedInUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Services: the workspace's service catalog, which triage attributes tickets to (owners and admins edit). */
@Controller
class ServicesPages {

    /** What the editor starts with when the workspace has no catalog yet. */
    static final String EXAMPLE = """
            services:
              - name: billing-api
                description: Invoices, payments and the customer's subscription
                keywords: [invoice, payment, charge, refund]
            """;

    private final Pages pages;
    private final ServiceCatalogs catalogs;

    ServicesPages(Pages pages, ServiceCatalogs catalogs) {
        this.pages = pages;
        this.catalogs = catalogs;
    }

    @GetMapping("/w/{workspaceId}/settings/services")
    String show(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        fill(caller, null, model);
        return "services";
    }

    @PostMapping("/w/{workspaceId}/settings/services")
    ModelAndView save(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                      @RequestParam(name = "yaml", required = false) String yaml, Model model,
                      RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        caller.requireAdministrator();
        int count;
        try {
            count = catalogs.save(caller, yaml).services().size();
        } catch (InvalidInput e) {
            fill(caller, yaml, model);
            model.addAttribute("error", e.getMessage());
            return new ModelAndView("services", model.asMap(), HttpStatus.BAD_REQUEST);
        }
        flash.addFlashAttribute("notice", "Saved: " + count + (count == 1 ? " service." : " services.")
                + " Tickets triaged from now on use this catalog.");
        return new ModelAndView("redirect:/w/" + workspaceId + "/settings/services");
    }

    /** {@code typed} is the text just posted and refused, shown again so that nothing typed is lost. */
    private void fill(Caller caller, String typed, Model model) {
        var saved = catalogs.saved(caller.workspaceId());
        model.addAttribute("saved", saved.orElse(null));
        model.addAttribute("services", saved.map(s -> s.catalog().services()).orElse(java.util.List.of()));
        model.addAttribute("yaml", typed != null ? typed : saved.map(ServiceCatalogs.Saved::yaml).orElse(EXAMPLE));
    }
}
