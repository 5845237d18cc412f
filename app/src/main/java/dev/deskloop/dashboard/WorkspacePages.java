package dev.deskloop.dashboard;

import java.util.UUID;
import java.util.function.Supplier;

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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

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
                                 @RequestParam(defaultValue = "") String name, Model model, RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        try {
            var created = memberships.createWorkspace(caller, name);
            flash.addFlashAttribute("notice", "Workspace " + created.name() + " is created; you are its owner.");
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
                           Model model, RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        return membersAfter(caller, model, () -> {
            // The invitation link travels as a flash attribute: in the session only until the redirect shows it once.
            flash.addFlashAttribute("added", memberships.add(caller, email, Role.fromWireName(role)));
            return membersPage(workspaceId);
        });
    }

    @PostMapping("/w/{workspaceId}/members/{userId}/role")
    ModelAndView changeRole(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                            @PathVariable UUID userId, @RequestParam(defaultValue = "") String role, Model model,
                            RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        return membersAfter(caller, model, () -> {
            var member = memberships.changeRole(caller, userId, Role.fromWireName(role));
            flash.addFlashAttribute("notice", member.email() + " is now " + member.role().wireName() + ".");
            return membersPage(workspaceId);
        });
    }

    @PostMapping("/w/{workspaceId}/members/{userId}/remove")
    ModelAndView removeMember(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                              @PathVariable UUID userId, Model model, RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        return membersAfter(caller, model, () -> {
            var member = memberships.member(caller, userId);
            memberships.remove(caller, userId);
            if (caller.userId().equals(userId)) {
                return "redirect:/"; // they left: this workspace's pages are no longer theirs to see
            }
            flash.addFlashAttribute("notice", member.email() + " was removed.");
            return membersPage(workspaceId);
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
                             @RequestParam(defaultValue = "") String name, Model model, RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        try {
            // A flash attribute stays in the session only until the redirected page has shown the secret once.
            flash.addFlashAttribute("issued", tokens.create(caller, name));
            return new ModelAndView(tokensPage(workspaceId));
        } catch (InvalidInput e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("tokens", tokens.list(caller));
            return new ModelAndView("tokens", model.asMap(), HttpStatus.BAD_REQUEST);
        }
    }

    @PostMapping("/w/{workspaceId}/tokens/{tokenId}/revoke")
    String revokeToken(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                       @PathVariable UUID tokenId, Model model, RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        var revoked = tokens.revoke(caller, tokenId);
        flash.addFlashAttribute("notice", "Token " + revoked.name() + " is revoked.");
        return tokensPage(workspaceId);
    }

    /**
     * Runs a change of the members and redirects where it says (Post/Redirect/Get, so reloading sends nothing
     * again); a refused change changed nothing, so the members page is shown at once with the reason.
     */
    private ModelAndView membersAfter(Caller caller, Model model, Supplier<String> change) {
        try {
            return new ModelAndView(change.get());
        } catch (InvalidInput | Refusal e) {
            return membersWithError(caller, model, e.getMessage(), HttpStatus.BAD_REQUEST);
        } catch (Forbidden e) {
            return membersWithError(caller, model, e.getMessage(), HttpStatus.FORBIDDEN);
        }
    }

    private ModelAndView membersWithError(Caller caller, Model model, String error, HttpStatus status) {
        model.addAttribute("error", error);
        model.addAttribute("members", memberships.members(caller));
        model.addAttribute("roles", Role.values());
        return new ModelAndView("members", model.asMap(), status);
    }

    private static String membersPage(UUID workspaceId) {
        return "redirect:/w/" + workspaceId + "/members";
    }

    private static String tokensPage(UUID workspaceId) {
        return "redirect:/w/" + workspaceId + "/tokens";
    }
}
