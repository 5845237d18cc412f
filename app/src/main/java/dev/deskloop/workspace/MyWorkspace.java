package dev.deskloop.workspace;

/** A workspace as seen by one of its members: the workspace and the member's role in it. */
public record MyWorkspace(Workspace workspace, Role role) {
}
