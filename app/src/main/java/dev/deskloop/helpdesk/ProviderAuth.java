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
}
