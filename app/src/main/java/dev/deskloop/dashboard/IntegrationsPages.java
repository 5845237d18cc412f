package dev.deskloop.dashboard;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.deskloop.connection.Connection;
import dev.deskloop.connection.ConnectionLifecycle;
import dev.deskloop.connection.Connections;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.platform.Forbidden;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.NotFoundException;
import dev.deskloop.platform.Refusal;
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

/** Settings → Integrations: each provider with its status, and connect, reconnect, pause, resume, disconnect. */
@Controller
class IntegrationsPages {

    private final Pages pages;
    private final Connections connections;
    private final ConnectionLifecycle lifecycle;

    IntegrationsPages(Pages pages, Connections connections, ConnectionLifecycle lifecycle) {
        this.pages = pages;
        this.connections = connections;
        this.lifecycle = lifecycle;
    }

    @GetMapping("/w/{workspaceId}/settings/integrations")
    String integrations(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        fill(caller, model);
        return "integrations";
    }

    @PostMapping("/w/{workspaceId}/integrations/{provider}/connect")
    ModelAndView connect(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                         @PathVariable String provider, @RequestParam(required = false) String subdomain, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        ProviderId id = ProviderId.fromWireName(provider).orElseThrow(() -> new NotFoundException("Provider"));
        return attempt(caller, model, () -> "redirect:" + lifecycle.start(caller, id, subdomain));
    }

    @PostMapping("/w/{workspaceId}/connections/{connectionId}/{action}")
    ModelAndView change(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                        @PathVariable UUID connectionId, @PathVariable String action, Model model,
                        RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        String back = "redirect:/w/" + workspaceId + "/settings/integrations";
        return attempt(caller, model, () -> switch (action) {
            case "reconnect" -> "redirect:" + lifecycle.reconnect(caller, connectionId);
            case "pause" -> {
                lifecycle.pause(caller, connectionId);
                flash.addFlashAttribute("notice", "Paused. Webhooks are still received and stored, but not processed until you resume.");
                yield back;
            }
            case "resume" -> {
                lifecycle.resume(caller, connectionId);
                flash.addFlashAttribute("notice", "Resumed.");
                yield back;
            }
            case "disconnect" -> {
                lifecycle.disconnect(caller, connectionId);
                flash.addFlashAttribute("notice", "Disconnected. Tickets, triage, bugs and the audit log are kept.");
                yield back;
            }
            default -> throw new NotFoundException("Action");
        });
    }

    private ModelAndView attempt(Caller caller, Model model, java.util.function.Supplier<String> action) {
        try {
            return new ModelAndView(action.get());
        } catch (InvalidInput | Refusal e) {
            return rerender(caller, model, e.getMessage(), HttpStatus.BAD_REQUEST);
        } catch (Forbidden e) {
            return rerender(caller, model, e.getMessage(), HttpStatus.FORBIDDEN);
        }
    }

    private ModelAndView rerender(Caller caller, Model model, String error, HttpStatus status) {
        fill(caller, model);
        model.addAttribute("error", error);
        return new ModelAndView("integrations", model.asMap(), status);
    }

    private void fill(Caller caller, Model model) {
        List<Connection> all = connections.ofWorkspace(caller.workspaceId());
        model.addAttribute("active", all.stream().filter(c -> c.status().active()).findFirst().orElse(null));
        model.addAttribute("history", all.stream().filter(c -> !c.status().active()).toList());
        model.addAttribute("providers", Arrays.stream(ProviderId.values())
                .map(p -> new ProviderView(p.wireName(), p.displayName(), lifecycle.configured(p)))
                .toList());
    }

    /** A provider as listed on the page. */
    record ProviderView(String id, String name, boolean configured) {
    }
}
