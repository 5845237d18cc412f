package dev.deskloop.workspace;

import dev.deskloop.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On a database without accounts, creates the owner account and a first workspace and prints a one-time setup
 * link; there is never a default password. While no account has a password yet, every start prints a new link.
 */
@Component
@ConditionalOnProperty(name = "deskloop.command", matchIfMissing = true, havingValue = "serve")
class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final Accounts accounts;
    private final Workspaces workspaces;
    private final SetupLinks setupLinks;
    private final AuditLog audit;
    private final AccountsSettings settings;
    private final TransactionTemplate transaction;

    FirstStart(Accounts accounts, Workspaces workspaces, SetupLinks setupLinks, AuditLog audit,
               AccountsSettings settings, TransactionTemplate transaction) {
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.setupLinks = setupLinks;
        this.audit = audit;
        this.settings = settings;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        String link;
        try {
            link = transaction.execute(status -> {
                if (accounts.count() == 0) {
                    Account owner = accounts.create(settings.ownerEmail(), "Owner");
                    Workspace workspace = workspaces.create("My workspace");
                    workspaces.addMember(workspace.id(), owner.id(), Role.OWNER);
                    audit.record(workspace.id(), "system", "workspace.created", workspace.name(), "first start");
                    audit.record(workspace.id(), "system", "member.added", owner.email(), "role=owner, first start");
                    return setupLinks.issue(owner.id());
                }
                if (!accounts.anyWithPassword()) {
                    return accounts.byEmail(settings.ownerEmail()).map(owner -> setupLinks.issue(owner.id())).orElse(null);
                }
                return null;
            });
        } catch (DuplicateKeyException e) {
            log.info("Another instance created the owner account at the same time; its console has the setup link.");
            return;
        }
        if (link != null) {
            // The link is printed, not logged: it must reach the person at the console, not a log store.
            System.out.printf("%n=================================================================%n"
                    + "  Deskloop is ready. Finish setting up the owner account (%s):%n%n  %s%n%n"
                    + "  The link works once and expires in %s.%n"
                    + "=================================================================%n%n",
                    settings.ownerEmail(), link, settings.setupLinkLifetime());
            log.info("Printed a one-time setup link for the owner account to the console");
        }
    }
}
