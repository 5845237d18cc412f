package dev.deskloop.workspace;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.platform.Forbidden;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.NotFoundException;
import dev.deskloop.platform.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who belongs to which workspace, and the rules for changing that: only owners and admins administer members,
 * only owners hand out or take away ownership, and a workspace always keeps at least one owner.
 * Every change is written to the audit log in the same transaction.
 */
@Component
public class Memberships {

    private final Workspaces workspaces;
    private final Accounts accounts;
    private final SetupLinks setupLinks;
    private final AuditLog audit;

    Memberships(Workspaces workspaces, Accounts accounts, SetupLinks setupLinks, AuditLog audit) {
        this.workspaces = workspaces;
        this.accounts = accounts;
        this.setupLinks = setupLinks;
        this.audit = audit;
    }

    public Workspace workspace(Caller caller) {
        return workspaces.byId(caller.workspaceId()).orElseThrow(() -> new NotFoundException("Workspace"));
    }

    public List<Member> members(Caller caller) {
        return workspaces.members(caller.workspaceId());
    }

    public Member member(Caller caller, UUID userId) {
        return workspaces.member(caller.workspaceId(), userId).orElseThrow(() -> new NotFoundException("Member"));
    }

    /**
     * Creates a workspace owned by the caller. Anyone who administers a workspace may create another one.
     */
    @Transactional
    public Workspace createWorkspace(Caller caller, String name) {
        caller.requireAdministrator();
        String checked = workspaceName(name);
        Workspace workspace = workspaces.create(checked);
        workspaces.addMember(workspace.id(), caller.userId(), Role.OWNER);
        audit.record(workspace.id(), caller.email(), "workspace.created", checked, "created from workspace "
                + caller.workspaceId());
        return workspace;
    }

    /**
     * Adds a person by e-mail. Someone without an account gets one, and the result carries the one-time link
     * the admin passes on so that they can choose a password. Someone whose account has no password yet because
     * another workspace invited them gets no link from this workspace: a link sets the account's password, and an
     * admin of this workspace could otherwise choose it and act in the other workspace as that person. Their own
     * invitation stays valid, and once they use it they see both workspaces.
     */
    @Transactional
    public AddedMember add(Caller caller, String email, Role role) {
        caller.requireAdministrator();
        requireMayGrant(caller, role);
        String address = EmailAddresses.normalise(email);
        Optional<Account> existing = accounts.byEmail(address);
        Account account = existing.orElseGet(() -> accounts.create(address, null));
        if (workspaces.roleOf(caller.workspaceId(), account.id()).isPresent()) {
            throw new Refusal(address + " is already a member of this workspace.");
        }
        workspaces.addMember(caller.workspaceId(), account.id(), role);
        boolean pendingElsewhere = !account.hasPassword() && workspaces.of(account.id()).size() > 1;
        String invitation = account.hasPassword() || pendingElsewhere ? null : setupLinks.issue(account.id());
        audit.record(caller.workspaceId(), caller.email(), "member.added", address, "role=" + role.wireName()
                + (existing.isEmpty() ? ", new account invited"
                : pendingElsewhere ? ", invitation pending from another workspace" : ""));
        return new AddedMember(member(caller, account.id()), Optional.ofNullable(invitation));
    }

    @Transactional
    public Member changeRole(Caller caller, UUID userId, Role role) {
        caller.requireAdministrator();
        Member member = member(caller, userId);
        if (member.role() == role) {
            return member;
        }
        requireMayGrant(caller, role);
        requireMayGrant(caller, member.role());
        if (member.role() == Role.OWNER && workspaces.lockOwners(caller.workspaceId()) <= 1) {
            throw new Refusal("A workspace needs at least one owner; make someone else owner first.");
        }
        workspaces.changeRole(caller.workspaceId(), userId, role);
        audit.record(caller.workspaceId(), caller.email(), "member.role_changed", member.email(),
                member.role().wireName() + " -> " + role.wireName());
        return member(caller, userId);
    }

    /** Removes a member; anyone may also remove themselves (leave), except the last owner. */
    @Transactional
    public void remove(Caller caller, UUID userId) {
        boolean leaving = caller.userId().equals(userId);
        if (!leaving) {
            caller.requireAdministrator();
        }
        Member member = member(caller, userId);
        if (!leaving) {
            requireMayGrant(caller, member.role());
        }
        if (member.role() == Role.OWNER && workspaces.lockOwners(caller.workspaceId()) <= 1) {
            throw new Refusal("A workspace needs at least one owner; make someone else owner first.");
        }
        workspaces.removeMember(caller.workspaceId(), userId);
        audit.record(caller.workspaceId(), caller.email(), leaving ? "member.left" : "member.removed",
                member.email(), "role was " + member.role().wireName());
    }

    private static void requireMayGrant(Caller caller, Role role) {
        if (role == Role.OWNER && caller.role() != Role.OWNER) {
            throw new Forbidden("Only an owner may grant or take away the owner role.");
        }
    }

    static String workspaceName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInput("name", "is required");
        }
        String stripped = name.strip();
        if (stripped.length() > 100) {
            throw new InvalidInput("name", "may have at most 100 characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("name", "may not contain control characters");
        }
        return stripped;
    }

    /** A new member, and the setup link to hand to them when their account has no password yet. */
    public record AddedMember(Member member, Optional<String> invitationLink) {
    }
}
