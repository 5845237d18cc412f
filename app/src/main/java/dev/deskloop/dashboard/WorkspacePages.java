package dev.deskloop.dashboard;

import java.util.UUID;

import dev.deskloop.platform.Forbidden;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.Refusal;
import dev.deskloop.workspace.ApiTokens;
import dev.deskloop.workspace.Caller;
import dev.deskloop.workspace.Memberships;
import dev.deskloop.workspace.Role;
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

/** The workspace overview, its members and the signed-in person's API tokens. */
@Controller
class WorkspacePages {

    private final Pages pages;
    private final Memberships memberships;
    private final ApiTokens tokens;

    WorkspacePages(Pages pages, Memberships memberships, ApiTokens tokens) {
        this.pages = pages;
        this.memberships = memberships;
        this.tokens = tokens;
    }

    @GetMapping("/w/{workspaceId}")
    String overview(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId, Model model) {
        pages.caller(me, workspaceId, model);
        return "workspace";
    }

    @PostMapping("/w/{workspaceId}/workspaces")
    ModelAndView createWorkspace(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                                 @RequestParam(defaultValue = "") String name, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        try {
            var created = memberships.createWorkspace(caller, name);
            return new ModelAndView("redirect:/w/" + created.id());
        } catch (InvalidInput e) {
            return new ModelAndView("workspace", model.asMap(), HttpStatus.BAD_REQUEST).addObject("error", e.getMessage());
        }
    }

    @GetMapping("/w/{workspaceId}/members")
    String members(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        model.addAttribute("members", memberships.members(caller));
        model.addAttribute("roles", Role.values());
        return "members";
    }

    @PostMapping("/w/{workspaceId}/members")
    ModelAndView addMember(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                           @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "member") String role,
                           Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        return membersAfter(caller, model, () -> {
            var added = memberships.add(caller, email, Role.fromWireName(role));
            model.addAttribute("added", added);
        });
    }

    @PostMapping("/w/{workspaceId}/members/{userId}/role")
    ModelAndView changeRole(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                            @PathVariable UUID userId, @RequestParam(defaultValue = "") String role, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        return membersAfter(caller, model, () -> {
            var member = memberships.changeRole(caller, userId, Role.fromWireName(role));
            model.addAttribute("notice", member.email() + " is now " + member.role().wireName() + ".");
        });
    }

    @PostMapping("/w/{workspaceId}/members/{userId}/remove")
    ModelAndView removeMember(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                              @PathVariable UUID userId, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        if (caller.userId().equals(userId)) {
            memberships.remove(caller, userId);
            return new ModelAndView("redirect:/");
        }
        return membersAfter(caller, model, () -> {
            var member = memberships.member(caller, userId);
            memberships.remove(caller, userId);
            model.addAttribute("notice", member.email() + " was removed.");
        });
    }

    @GetMapping("/w/{workspaceId}/tokens")
    String tokens(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        model.addAttribute("tokens", tokens.list(caller));
        return "tokens";
    }

    @PostMapping("/w/{workspaceId}/tokens")
    ModelAndView createToken(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                             @RequestParam(defaultValue = "") String name, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        HttpStatus status = HttpStatus.OK;
        try {
            // Rendered directly rather than redirected, so the secret is never stored in the session.
            model.addAttribute("issued", tokens.create(caller, name));
        } catch (InvalidInput e) {
            model.addAttribute("error", e.getMessage());
            status = HttpStatus.BAD_REQUEST;
        }
        model.addAttribute("tokens", tokens.list(caller));
        return new ModelAndView("tokens", model.asMap(), status);
    }

    @PostMapping("/w/{workspaceId}/tokens/{tokenId}/revoke")
    String revokeToken(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                       @PathVariable UUID tokenId, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        tokens.revoke(caller, tokenId);
        return "redirect:/w/" + workspaceId + "/tokens";
    }

    private ModelAndView membersAfter(Caller caller, Model model, Runnable change) {
        HttpStatus status = HttpStatus.OK;
        try {
            change.run();
        } catch (InvalidInput | Refusal e) {
            model.addAttribute("error", e.getMessage());
            status = HttpStatus.BAD_REQUEST;
        } catch (Forbidden e) {
            model.addAttribute("error", e.getMessage());
            status = HttpStatus.FORBIDDEN;
        }
        model.addAttribute("members", memberships.members(caller));
        model.addAttribute("roles", Role.values());
        return new ModelAndView("members", model.asMap(), status);
    }
}
