package dev.deskloop.workspace;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.PlatformSettings;
import dev.deskloop.platform.crypto.SecretTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time links that let a person choose the password of their account: printed on first start for the owner,
 * shown once to the admin who invites someone new. A new link replaces the account's older ones.
 */
@Component
public class SetupLinks {

    static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt looks at no more than 72 bytes of a password. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Workspaces workspaces;
    private final PlatformSettings platform;
    private final AccountsSettings settings;
    private final Clock clock;

    SetupLinks(JdbcClient jdbc, Accounts accounts, PasswordEncoder passwords, AuditLog audit, Workspaces workspaces,
               PlatformSettings platform, AccountsSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.passwords = passwords;
        this.audit = audit;
        this.workspaces = workspaces;
        this.platform = platform;
        this.settings = settings;
        this.clock = clock;
    }

    /** Issues a fresh link for the account and returns its full URL; earlier unused links stop working. */
    @Transactional
    public String issue(UUID userId) {
        Instant now = clock.instant();
        jdbc.sql("delete from setup_token where user_id = :user").param("user", userId).update();
        String token = SecretTokens.generate("");
        jdbc.sql("""
                        insert into setup_token (token_hash, user_id, created_at, expires_at)
                        values (:hash, :user, :now, :expires)""")
                .param("hash", SecretTokens.hash(token))
                .param("user", userId)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(settings.setupLinkLifetime())))
                .update();
        return platform.link("/setup/" + token);
    }

    /** The account a still-valid link belongs to. */
    public Optional<Account> accountFor(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select user_id from setup_token
                        where token_hash = :hash and used_at is null and expires_at > :now""")
                .param("hash", SecretTokens.hash(token))
                .param("now", Timestamp.from(clock.instant()))
                .query(UUID.class)
                .optional()
                .flatMap(accounts::byId);
    }

    /**
     * Sets the password of the link's account and uses the link up. Fails with {@link InvalidInput} on a weak
     * password and with an empty result when the link is unknown, used or expired.
     */
    @Transactional
    public Optional<Account> choosePassword(String token, String password, String confirmation) {
        checkPassword(password, confirmation);
        Optional<Account> account = accountFor(token);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        int used = jdbc.sql("update setup_token set used_at = :now where token_hash = :hash and used_at is null")
                .param("now", Timestamp.from(clock.instant()))
                .param("hash", SecretTokens.hash(token))
                .update();
        if (used != 1) {
            return Optional.empty();
        }
        accounts.setPasswordHash(account.get().id(), passwords.encode(password));
        for (MyWorkspace mine : workspaces.of(account.get().id())) {
            audit.record(mine.workspace().id(), account.get().email(), "user.password_set", account.get().email(), null);
        }
        return accounts.byId(account.get().id());
    }

    static void checkPassword(String password, String confirmation) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInput("password", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidInput("password", "may have at most " + MAX_PASSWORD_BYTES + " bytes");
        }
        if (!password.equals(confirmation)) {
            throw new InvalidInput("confirmation", "does not match the password");
        }
    }
}
