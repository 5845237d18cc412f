package dev.deskloop.workspace;

import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Test data builders: accounts with known passwords in new workspaces, each with a unique address so that tests
 * sharing a database never collide.
 */
@Component
public class Fixtures {

    public static final String PASSWORD = "correct horse battery staple";

    private final Accounts accounts;
    private final Workspaces workspaces;
    private final PasswordEncoder passwords;
    private final ApiTokens tokens;

    Fixtures(Accounts accounts, Workspaces workspaces, PasswordEncoder passwords, ApiTokens tokens) {
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.passwords = passwords;
        this.tokens = tokens;
    }

    /** A new workspace with a new owner who has {@link #PASSWORD}. */
    @Transactional
    public Team team(String label) {
        Account owner = account(label + "-owner");
        Workspace workspace = workspaces.create(label + " " + UUID.randomUUID().toString().substring(0, 6));
        workspaces.addMember(workspace.id(), owner.id(), Role.OWNER);
        return new Team(workspace, owner);
    }

    /** A new account with {@link #PASSWORD}, member of the workspace with the role. */
    @Transactional
    public Account member(Workspace workspace, String label, Role role) {
        Account account = account(label);
        workspaces.addMember(workspace.id(), account.id(), role);
        return account;
    }

    public Account account(String label) {
        Account account = accounts.create(label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", label);
        accounts.setPasswordHash(account.id(), passwords.encode(PASSWORD));
        return accounts.byId(account.id()).orElseThrow();
    }

    public SignedInUser signedIn(Account account) {
        return new SignedInUser(account.id(), account.email(), null);
    }

    public Caller caller(Workspace workspace, Account account) {
        Role role = workspaces.roleOf(workspace.id(), account.id()).orElseThrow();
        return new Caller(account.id(), account.email(), workspace.id(), role);
    }

    /** A live API token secret for the account in the workspace. */
    public String token(Workspace workspace, Account account) {
        return tokens.create(caller(workspace, account), "test token").secret();
    }

    /** A workspace and its owner. */
    public record Team(Workspace workspace, Account owner) {
    }
}
