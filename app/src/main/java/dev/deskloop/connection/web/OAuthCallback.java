package dev.deskloop.connection.web;

import dev.deskloop.connection.ConnectionLifecycle;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.platform.web.ProblemPage;
import dev.deskloop.workspace.SignedInUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code GET /oauth/{provider}/callback}: where Zendesk and Intercom send the browser after the consent screen.
 * The outcome is shown on the Integrations page; a stale or replayed callback gets an explanation and does nothing.
 */
@Controller
class OAuthCallback {

    private final ConnectionLifecycle lifecycle;

    OAuthCallback(ConnectionLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @GetMapping("/oauth/{provider}/callback")
    ModelAndView callback(@AuthenticationPrincipal SignedInUser me, @PathVariable String provider,
                          @RequestParam(required = false) String state, @RequestParam(required = false) String code,
                          @RequestParam(required = false) String error, RedirectAttributes flash) {
        ProviderId id = ProviderId.fromWireName(provider).orElse(null);
        if (id == null) {
            return ProblemPage.of(HttpStatus.NOT_FOUND, "Not found", "Nothing is known at this address.");
        }
        var completion = lifecycle.complete(id, me.id(), me.email(), state, code, error);
        if (completion.workspaceId() == null) {
            return ProblemPage.of(HttpStatus.BAD_REQUEST, "Connection not completed", completion.message());
        }
        flash.addFlashAttribute(completion.succeeded() ? "notice" : "error", completion.message());
        return new ModelAndView("redirect:/w/" + completion.workspaceId() + "/settings/integrations");
    }
}
