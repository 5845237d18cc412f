package dev.deskloop.workspace;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in settings: the first owner's address, how long setup links live, when sign-in is throttled,
 * and whether the session cookie is marked Secure.
 */
@ConfigurationProperties("deskloop.accounts")
public record AccountsSettings(String ownerEmail, Duration setupLinkLifetime, int maxFailedSignIns,
                               Duration failedSignInWindow, Duration lockout, boolean secureCookies) {

    public AccountsSettings {
        if (ownerEmail == null || ownerEmail.isBlank()) {
            ownerEmail = "owner@localhost";
        }
        if (setupLinkLifetime == null || setupLinkLifetime.isNegative() || setupLinkLifetime.isZero()) {
            setupLinkLifetime = Duration.ofHours(24);
        }
        if (maxFailedSignIns < 1) {
            maxFailedSignIns = 5;
        }
        if (failedSignInWindow == null || failedSignInWindow.isZero() || failedSignInWindow.isNegative()) {
            failedSignInWindow = Duration.ofMinutes(15);
        }
        if (lockout == null || lockout.isZero() || lockout.isNegative()) {
            lockout = Duration.ofMinutes(15);
        }
    }
}
