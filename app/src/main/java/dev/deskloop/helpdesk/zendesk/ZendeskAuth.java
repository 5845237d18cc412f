package dev.deskloop.helpdesk.zendesk;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.deskloop.helpdesk.AccountIdentity;
import dev.deskloop.helpdesk.AuthorizationRequest;
import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.helpdesk.OAuthGrant;
import dev.deskloop.helpdesk.ProviderAuth;
import dev.deskloop.helpdesk.http.ProviderHttp;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.TimeZones;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Zendesk OAuth: authorization code with PKCE (S256), JSON token requests with explicit lifetimes, refresh-token
 * rotation, {@code /api/v2/users/me} for the acting user, and revocation of the current token.
 */
final class ZendeskAuth implements ProviderAuth {

    private static final Pattern SUBDOMAIN = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$");

    private final ZendeskSettings settings;
    private final ProviderHttp http;
    private final Clock clock;

    ZendeskAuth(ZendeskSettings settings, ProviderHttp http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public boolean configured() {
        return settings.configured();
    }

    @Override
    public String account(String input) {
        String subdomain = input == null ? "" : input.strip().toLowerCase(java.util.Locale.ROOT);
        if (subdomain.endsWith(".zendesk.com")) {
            subdomain = subdomain.substring(0, subdomain.length() - ".zendesk.com".length());
        }
        if (!SUBDOMAIN.matcher(subdomain).matches()) {
            throw new InvalidInput("subdomain", "may contain only letters, digits and hyphens (e.g. acme for acme.zendesk.com)");
        }
        return subdomain;
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
        return UriComponentsBuilder.fromUriString(settings.base(request.account()) + "/oauth/authorizations/new")
                .queryParam("response_type", "code")
                .queryParam("client_id", settings.clientId())
                .queryParam("redirect_uri", request.redirectUri().toString())
                .queryParam("scope", settings.scopes())
                .queryParam("state", request.state())
                .queryParam("code_challenge", request.codeChallenge())
                .queryParam("code_challenge_method", "S256")
                .encode()
                .build()
                .toUri();
    }

    @Override
    public OAuthGrant exchange(String account, String code, String codeVerifier, URI redirectUri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("client_id", settings.clientId());
        body.put("client_secret", settings.clientSecret());
        body.put("redirect_uri", redirectUri.toString());
        body.put("code_verifier", codeVerifier);
        body.put("scope", settings.scopes());
        lifetimes(body);
        return grant(tokenRequest(account, body, "token exchange"));
    }

    @Override
    public Optional<OAuthGrant> refresh(String account, String refreshToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_type", "refresh_token");
        body.put("refresh_token", refreshToken);
        body.put("client_id", settings.clientId());
        body.put("client_secret", settings.clientSecret());
        lifetimes(body);
        return Optional.of(grant(tokenRequest(account, body, "token refresh")));
    }

    @Override
    public AccountIdentity identify(String account, String accessToken) {
        JsonNode me = ProviderHttp.call("reading the connected Zendesk user", () -> http.client().get()
                .uri(settings.base(account) + "/api/v2/users/me.json")
                .headers(h -> h.setBearerAuth(accessToken))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class));
        String userId = me == null ? "" : me.path("user").path("id").asString("");
        if (userId.isBlank()) {
            throw new HelpdeskApiException.Rejected(200, "Zendesk did not say which user the token belongs to");
        }
        return new AccountIdentity(account, account + ".zendesk.com", userId,
                TimeZones.parse(me.path("user").path("iana_time_zone").asString("")).orElse(null));
    }

    @Override
    public void revoke(String account, String accessToken) {
        ProviderHttp.run("revoking the Zendesk token", () -> http.client().delete()
                .uri(settings.base(account) + "/api/v2/oauth/tokens/current.json")
                .headers(h -> h.setBearerAuth(accessToken))
                .retrieve()
                .toBodilessEntity());
    }

    private JsonNode tokenRequest(String account, Map<String, Object> body, String what) {
        return ProviderHttp.call("Zendesk " + what, () -> http.client().post()
                .uri(settings.base(account) + "/oauth/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(JsonNode.class));
    }

    private void lifetimes(Map<String, Object> body) {
        body.put("expires_in", settings.accessTokenLifetime().toSeconds());
        body.put("refresh_token_expires_in", settings.refreshTokenLifetime().toSeconds());
    }

    private OAuthGrant grant(JsonNode response) {
        String access = response == null ? "" : response.path("access_token").asString("");
        if (access.isBlank()) {
            throw new HelpdeskApiException.Rejected(200, "Zendesk returned no access token");
        }
        Instant now = clock.instant();
        String refresh = response.path("refresh_token").asString(null);
        Instant accessExpiry = response.path("expires_in").isNumber()
                ? now.plusSeconds(response.path("expires_in").asLong()) : now.plus(settings.accessTokenLifetime());
        Instant refreshExpiry = response.path("refresh_token_expires_in").isNumber()
                ? now.plusSeconds(response.path("refresh_token_expires_in").asLong())
                : refresh == null ? null : now.plus(settings.refreshTokenLifetime());
        return new OAuthGrant(access, refresh, accessExpiry, refreshExpiry);
    }
}
