package dev.deskloop.helpdesk;

import java.net.URI;
import java.util.Optional;

/**
 * The OAuth side of a provider: the consent screen, the code exchange, refresh, identity and revocation.
 * Failures are {@link HelpdeskApiException}s.
 */
public interface ProviderAuth {

    /** Whether Deskloop has OAuth client credentials for this provider. */
    boolean configured();

    /** Checks and normalises what the user typed to name their account (a Zendesk subdomain); null if none needed. */
    String account(String input);

    URI authorizationUrl(AuthorizationRequest request);

    OAuthGrant exchange(String account, String code, String codeVerifier, URI redirectUri);

    /** A fresh grant for a refresh token; empty when the provider's tokens cannot be refreshed. */
    Optional<OAuthGrant> refresh(String account, String refreshToken);

    AccountIdentity identify(String account, String accessToken);

    /** Revokes the token (Intercom: uninstalls the app from the workspace). */
    void revoke(String account, String accessToken);

    /**
     * Gives up a token obtained by a connect flow that did not complete (refused, or the account could not be read).
     * Revokes it where that touches only this token (Zendesk); where revoking means uninstalling the app from the
     * whole desk (Intercom), the token is only dropped, because that desk may already be connected through it.
     */
    default void discardUnused(String account, String accessToken) {
        revoke(account, accessToken);
    }
}
