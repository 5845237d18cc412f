package dev.deskloop.dashboard;

import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.web.ProblemPage;
import dev.deskloop.workspace.SetupLinks;
import dev.deskloop.workspace.SignedInUser;
import dev.deskloop.workspace.Workspaces;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** Sign-in, the one-time setup link, and the landing page that sends a person to their workspace. */
@Controller
class SignInPages {

    private final SetupLinks setupLinks;
    private final Workspaces workspaces;

    SignInPages(SetupLinks setupLinks, Workspaces workspaces) {
        this.setupLinks = setupLinks;
        this.workspaces = workspaces;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal SignedInUser me, Model model) {
        var mine = workspaces.of(me.id());
        if (mine.isEmpty()) {
            model.addAttribute("me", me);
            return "no-workspace";
        }
        return "redirect:/w/" + mine.getFirst().workspace().id();
    }

    @GetMapping("/setup/{token}")
    ModelAndView setup(@PathVariable String token) {
        return setupLinks.accountFor(token)
                .map(account -> new ModelAndView("setup").addObject("account", account))
                .orElseGet(SignInPages::linkInvalid);
    }

    @PostMapping("/setup/{token}")
    ModelAndView choosePassword(@PathVariable String token, @RequestParam(defaultValue = "") String password,
                                @RequestParam(defaultValue = "") String confirmation) {
        try {
            return setupLinks.choosePassword(token, password, confirmation)
                    .map(account -> new ModelAndView("redirect:/login?password-set"))
                    .orElseGet(SignInPages::linkInvalid);
        } catch (InvalidInput e) {
            return setupLinks.accountFor(token)
                    .map(account -> new ModelAndView("setup", HttpStatus.BAD_REQUEST)
                            .addObject("account", account)
                            .addObject("error", e.getMessage()))
                    .orElseGet(SignInPages::linkInvalid);
        }
    }

    private static ModelAndView linkInvalid() {
        return ProblemPage.of(HttpStatus.NOT_FOUND, "This setup link does not work",
                "It was already used, it has expired, or it was replaced by a newer link. "
                        + "Ask an admin for a new invitation, or restart Deskloop to print a new owner link.");
    }
}
