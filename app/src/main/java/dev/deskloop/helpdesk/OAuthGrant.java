package dev.deskloop.helpdesk;

import java.time.Instant;
import java.util.Objects;

/**
 * Tokens a provider granted. Refresh token and expiry times are null where the provider has none
 * (Intercom tokens never expire).
 */
public record OAuthGrant(String accessToken, String refreshToken, Instant accessExpiresAt, Instant refreshExpiresAt) {

    public OAuthGrant {
        Objects.requireNonNull(accessToken, "accessToken");
    }

    @Override
    public String toString() {
        return "OAuthGrant[accessExpiresAt=" + accessExpiresAt + ", refreshExpiresAt=" + refreshExpiresAt + "]";
    }
}
