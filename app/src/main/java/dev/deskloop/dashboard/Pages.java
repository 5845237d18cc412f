package dev.deskloop.dashboard;

import java.util.UUID;

import dev.deskloop.workspace.Caller;
import dev.deskloop.workspace.Memberships;
import dev.deskloop.workspace.SignedInUser;
import dev.deskloop.workspace.Workspaces;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Resolves the caller of a page and fills in what every page's frame shows (workspace switcher, role). */
@Component
class Pages {

    private final Memberships memberships;
    private final Workspaces workspaces;

    Pages(Memberships memberships, Workspaces workspaces) {
        this.memberships = memberships;
        this.workspaces = workspaces;
    }

    Caller caller(SignedInUser me, UUID workspaceId, Model model) {
        Caller caller = memberships.caller(workspaceId, me.id());
        model.addAttribute("me", me);
        model.addAttribute("caller", caller);
        model.addAttribute("workspace", memberships.workspace(caller));
        model.addAttribute("workspaces", workspaces.of(me.id()));
        model.addAttribute("isAdmin", caller.role().canAdminister());
        return caller;
    }
}
