package dev.deskloop.workspace.security;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.workspace.Account;
import dev.deskloop.workspace.Accounts;
import dev.deskloop.workspace.MyWorkspace;
import dev.deskloop.workspace.SignedInUser;
import dev.deskloop.workspace.Workspaces;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks e-mail and password for the dashboard, refuses addresses locked by the {@link LoginThrottle}, and writes
 * every sign-in, failed sign-in and lock-out to the audit log of the account's workspaces.
 */
class PasswordSignIn implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final Accounts accounts;
    private final Workspaces workspaces;
    private final AuditLog audit;

    PasswordSignIn(Accounts accounts, Workspaces workspaces, PasswordEncoder encoder, LoginThrottle throttle,
                   AuditLog audit) {
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.throttle = throttle;
        this.audit = audit;
        this.passwords = new DaoAuthenticationProvider(email -> accounts.signInDetails(email)
                .orElseThrow(() -> new UsernameNotFoundException("no such account")));
        this.passwords.setPasswordEncoder(encoder);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String key = String.valueOf(authentication.getName()).strip().toLowerCase(Locale.ROOT);
        if (key.length() > 320) {
            key = key.substring(0, 320);
        }
        var locked = throttle.lockedFor(key);
        if (locked.isPresent()) {
            auditFor(key, "user.sign_in_throttled", "locked for another " + minutes(locked.get()) + " min");
            throw new LockedException("Too many failed sign-ins. Try again in " + minutes(locked.get()) + " minutes.");
        }
        try {
            Authentication result = passwords.authenticate(
                    new UsernamePasswordAuthenticationToken(key, authentication.getCredentials()));
            throttle.reset(key);
            auditFor(key, "user.signed_in", null);
            SignedInUser user = (SignedInUser) result.getPrincipal();
            // Keep the password hash out of the session.
            return UsernamePasswordAuthenticationToken.authenticated(
                    new SignedInUser(user.id(), user.email(), null), null, result.getAuthorities());
        } catch (BadCredentialsException e) {
            boolean nowLocked = throttle.recordFailure(key);
            auditFor(key, "user.sign_in_failed", nowLocked ? "too many failures: address locked" : "wrong e-mail or password");
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private void auditFor(String email, String action, String details) {
        List<UUID> workspaceIds = accountOf(email)
                .map(account -> workspaces.of(account.id()).stream().map(MyWorkspace::workspace)
                        .map(w -> w.id()).toList())
                .orElse(List.of());
        if (workspaceIds.isEmpty()) {
            audit.record(null, email, action, email, details);
        }
        for (UUID workspaceId : workspaceIds) {
            audit.record(workspaceId, email, action, email, details);
        }
    }

    private java.util.Optional<Account> accountOf(String email) {
        try {
            return accounts.byEmail(email);
        } catch (RuntimeException notAnAddress) {
            return java.util.Optional.empty();
        }
    }

    private static long minutes(Duration duration) {
        return Math.max(1, (duration.toSeconds() + 59) / 60);
    }
}
