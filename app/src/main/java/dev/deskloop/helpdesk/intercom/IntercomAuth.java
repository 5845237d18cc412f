package dev.deskloop.helpdesk.intercom;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import dev.deskloop.helpdesk.AccountIdentity;
import dev.deskloop.helpdesk.AuthorizationRequest;
import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.helpdesk.OAuthGrant;
import dev.deskloop.helpdesk.ProviderAuth;
import dev.deskloop.helpdesk.http.ProviderHttp;
import dev.deskloop.platform.TimeZones;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Intercom OAuth: consent at {@code /oauth}, code exchange at {@code /auth/eagle/token}, tokens that never expire,
 * {@code /me} for the app id (the tenant key of webhooks) and the admin we post as, and uninstall to disconnect.
 */
final class IntercomAuth implements ProviderAuth {

    private final IntercomSettings settings;
    private final ProviderHttp http;

    IntercomAuth(IntercomSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public boolean configured() {
        return settings.configured();
    }

    @Override
    public String account(String input) {
        return null;
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
        return UriComponentsBuilder.fromUriString(settings.appBaseUrl() + "/oauth")
                .queryParam("client_id", settings.clientId())
                .queryParam("state", request.state())
                .queryParam("redirect_uri", request.redirectUri().toString())
                .encode()
                .build()
                .toUri();
    }

    @Override
    public OAuthGrant exchange(String account, String code, String codeVerifier, URI redirectUri) {
        JsonNode response = ProviderHttp.call("Intercom token exchange", () -> {
            var request = http.client().post().uri(settings.apiBaseUrl() + "/auth/eagle/token")
                    .accept(MediaType.APPLICATION_JSON);
            if (settings.tokenRequestFormat().equals("json")) {
                request = request.contentType(MediaType.APPLICATION_JSON).body(Map.of(
                        "code", code, "client_id", settings.clientId(), "client_secret", settings.clientSecret()));
            } else {
                var form = new LinkedMultiValueMap<String, String>();
                form.add("code", code);
                form.add("client_id", settings.clientId());
                form.add("client_secret", settings.clientSecret());
                request = request.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form);
            }
            return request.retrieve().body(JsonNode.class);
        });
        String token = response == null ? "" : response.path("access_token").asString(response.path("token").asString(""));
        if (token.isBlank()) {
            throw new HelpdeskApiException.Rejected(200, "Intercom returned no access token");
        }
        return new OAuthGrant(token, null, null, null);
    }

    @Override
    public Optional<OAuthGrant> refresh(String account, String refreshToken) {
        return Optional.empty();
    }

    @Override
    public AccountIdentity identify(String account, String accessToken) {
        JsonNode me = ProviderHttp.call("reading the Intercom admin and workspace", () -> http.client().get()
                .uri(settings.apiBaseUrl() + "/me")
                .headers(settings.authorized(accessToken))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class));
        String appId = me == null ? "" : me.path("app").path("id_code").asString("");
        String adminId = me == null ? "" : me.path("id").asString("");
        if (appId.isBlank() || adminId.isBlank()) {
            throw new HelpdeskApiException.Rejected(200, "Intercom /me did not name the workspace and admin");
        }
        String name = me.path("app").path("name").asString(appId);
        return new AccountIdentity(appId, name, adminId,
                TimeZones.parse(me.path("app").path("timezone").asString("")).orElse(null));
    }

    /**
     * Does nothing: Intercom's only way to revoke a token is to uninstall the app from the whole Intercom workspace,
     * which would also cut off the Deskloop workspace that is connected to it (the usual reason a connect is refused).
     */
    @Override
    public void discardUnused(String account, String accessToken) {
    }

    @Override
    public void revoke(String account, String accessToken) {
        ProviderHttp.run("uninstalling the Intercom app", () -> http.client().post()
                .uri(settings.apiBaseUrl() + "/auth/uninstall")
                .headers(settings.authorized(accessToken))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .toBodilessEntity());
    }
}
