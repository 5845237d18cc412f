package dev.deskloop.workspace;

import java.util.UUID;

import dev.deskloop.platform.Forbidden;

/**
 * Who is acting, inside which workspace, with which role. Every read and write of workspace data is scoped by
 * {@link #workspaceId()}; a caller is only ever built for a workspace the user is a member of.
 */
public record Caller(UUID userId, String email, UUID workspaceId, Role role) {

    public void requireAdministrator() {
        if (!role.canAdminister()) {
            throw new Forbidden("Only an owner or admin of this workspace may do this.");
        }
    }

    public void requireWriter() {
        if (!role.canWrite()) {
            throw new Forbidden("Viewers can look but not change anything.");
        }
    }
}
