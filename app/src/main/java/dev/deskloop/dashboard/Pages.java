package dev.deskloop.dashboard;

import java.util.List;
import java.util.UUID;

import dev.deskloop.platform.NotFoundException;
import dev.deskloop.workspace.Caller;
import dev.deskloop.workspace.MyWorkspace;
import dev.deskloop.workspace.SignedInUser;
import dev.deskloop.workspace.Workspaces;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Resolves the caller of a page and fills in what every page's frame shows (workspace switcher, role). */
@Component
class Pages {

    private final Workspaces workspaces;

    Pages(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    /** The caller inside the path's workspace; not a member → not found, so nothing is revealed. */
    Caller caller(SignedInUser me, UUID workspaceId, Model model) {
        List<MyWorkspace> mine = workspaces.of(me.id());
        MyWorkspace here = mine.stream().filter(m -> m.workspace().id().equals(workspaceId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Workspace"));
        Caller caller = new Caller(me.id(), me.email(), workspaceId, here.role());
        model.addAttribute("me", me);
        model.addAttribute("caller", caller);
        model.addAttribute("workspace", here.workspace());
        model.addAttribute("workspaces", mine);
        model.addAttribute("isAdmin", caller.role().canAdminister());
        return caller;
    }
}
