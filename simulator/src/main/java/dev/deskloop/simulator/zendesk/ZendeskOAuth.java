package dev.deskloop.simulator.zendesk;

import dev.deskloop.simulator.http.Call;
import dev.deskloop.simulator.http.Html;
import dev.deskloop.simulator.http.Json;
import dev.deskloop.simulator.http.Reply;
import dev.deskloop.simulator.http.Secrets;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Zendesk's OAuth: the consent page ({@code GET /oauth/authorizations/new}), the Allow/Deny decision,
 * the token endpoint ({@code POST /oauth/tokens}) with authorization code, refresh token (rotation) and
 * client credentials grants, and bearer authentication of API calls.
 */
final class ZendeskOAuth {

    /** The result of checking an API call's credentials. */
    sealed interface Authentication permits Authenticated, Refused {
    }

    record Authenticated(ZendeskAccount.Token token) implements Authentication {
    }

    record Refused(Reply reply) implements Authentication {
    }

    private static final Pattern RESOURCE_SCOPE = Pattern.compile(
        "(tickets|users|auditlogs|organizations|hc|apps|triggers|automations|targets|webhooks|macros|requests"
            + "|satisfaction_ratings|dynamic_content|any_channel|web_widget):(read|write)");
    private static final String INVALID_GRANT = "The provided authorization grant is invalid, expired, revoked, does not "
        + "match the redirection URI used in the authorization request, or was issued to another client.";
    private static final String REFRESH_INVALID = "Token has been expired or revoked.";
    private static final String INVALID_CLIENT = "Client authentication failed due to unknown client, no client "
        + "authentication included, or unsupported authentication method.";

    private final ZendeskSettings settings;
    private final Clock clock;

    ZendeskOAuth(ZendeskSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    // ---- consent page -------------------------------------------------------------------------------

    Reply authorizePage(ZendeskAccount account, String root, Call call) {
        Map<String, String> q = call.query();
        String clientId = q.getOrDefault("client_id", "");
        if (!clientId.equals(settings.clientId())) {
            return errorPage(account, "invalid_client", clientId.matches("\\d+")
                ? "client_id must be the OAuth client's Unique Identifier, not its numeric id."
                : "Unknown OAuth client '" + clientId + "'.");
        }
        String redirectUri = q.get("redirect_uri");
        if (redirectUri == null || redirectUri.isBlank()) {
            if (settings.redirectUris().isEmpty()) {
                return errorPage(account, "invalid_request", "redirect_uri is missing.");
            }
            redirectUri = settings.redirectUris().getFirst();
        }
        if (!redirectAllowed(redirectUri)) {
            return errorPage(account, "invalid_redirect_uri",
                "The redirect URI '" + redirectUri + "' is not registered for this OAuth client.");
        }
        String state = q.get("state");
        if (!"code".equals(q.get("response_type"))) {
            return Reply.redirect(withParams(redirectUri, Map.of("error", "unsupported_response_type",
                "error_description", "response_type must be code"), state));
        }
        String scope = q.getOrDefault("scope", "").trim();
        if (scope.isEmpty()) {
            return Reply.redirect(withParams(redirectUri, Map.of("error", "invalid_scope",
                "error_description", "The requested scope is invalid, unknown, or malformed."), state));
        }
        String challenge = q.get("code_challenge");
        String method = q.get("code_challenge_method");
        if (challenge != null && !"S256".equals(method)) {
            return Reply.redirect(withParams(redirectUri, Map.of("error", "invalid_request",
                "error_description", "code_challenge_method must be S256"), state));
        }
        boolean needPkce = settings.clientKind() == ZendeskSettings.ClientKind.PUBLIC || settings.requireStateAndPkce();
        if (needPkce && (challenge == null || challenge.isBlank())) {
            return Reply.redirect(withParams(redirectUri, Map.of("error", "invalid_request",
                "error_description", "code_challenge (PKCE, S256) is required"), state));
        }
        if (settings.requireStateAndPkce() && (state == null || state.isBlank())) {
            return Reply.redirect(withParams(redirectUri, Map.of("error", "invalid_request",
                "error_description", "state is required (simulator setting requireStateAndPkce)"), null));
        }
        ZendeskAccount.PendingConsent consent;
        synchronized (account) {
            consent = new ZendeskAccount.PendingConsent(Secrets.hex(16), clientId, redirectUri, scope, state, challenge,
                clock.instant());
            account.consents.put(consent.id(), consent);
        }
        StringBuilder scopes = new StringBuilder();
        for (String s : scope.split("\\s+")) {
            scopes.append("<li><code>").append(Html.escape(s)).append("</code>")
                .append(validScope(s) ? "" : " <strong>(not a Zendesk scope: the token will be refused everywhere)</strong>")
                .append("</li>");
        }
        String body = """
            <h1>Zendesk (simulated) &middot; %s</h1>
            <form class="card" method="post" action="%s/oauth/authorizations">
            <p><strong>%s</strong> is requesting access to your Zendesk account <strong>%s</strong> as
            <em>Simulated Admin</em>.</p>
            <p>Requested scopes:</p><ul>%s</ul>
            <p class="muted">Redirect URI: <code>%s</code><br>State: <code>%s</code><br>PKCE: %s</p>
            <input type="hidden" name="consent_id" value="%s">
            <button type="submit" name="decision" value="allow" id="allow">Allow</button>
            <button type="submit" name="decision" value="deny" id="deny">Deny</button>
            </form>
            """.formatted(Html.escape(account.subdomain), Html.escape(root), Html.escape(clientId), Html.escape(account.subdomain),
            scopes, Html.escape(redirectUri), Html.escape(state == null ? "(none)" : state),
            challenge == null ? "none" : "S256", Html.escape(consent.id()));
        return Reply.html(200, Html.page("Authorize " + clientId, body));
    }

    Reply decide(ZendeskAccount account, Call call) {
        Map<String, String> form = call.form();
        ZendeskAccount.PendingConsent consent;
        synchronized (account) {
            consent = account.consents.remove(form.getOrDefault("consent_id", ""));
        }
        if (consent == null) {
            return errorPage(account, "invalid_request", "This authorization request is unknown or was already answered.");
        }
        if (!"allow".equals(form.get("decision"))) {
            return Reply.redirect(withParams(consent.redirectUri(), Map.of("error", "access_denied",
                "error_description", "The resource owner or authorization server denied the request."), consent.state()));
        }
        String code = Secrets.hex(20);
        synchronized (account) {
            account.codes.put(code, new ZendeskAccount.Code(code, consent.clientId(), consent.redirectUri(), consent.scope(),
                consent.codeChallenge(), account.adminId, clock.instant().plus(settings.codeTtl())));
        }
        return Reply.redirect(withParams(consent.redirectUri(), Map.of("code", code), consent.state()));
    }

    private Reply errorPage(ZendeskAccount account, String error, String description) {
        String body = "<h1>Zendesk (simulated) &middot; " + Html.escape(account.subdomain) + "</h1><p><strong>"
            + Html.escape(error) + "</strong></p><p>" + Html.escape(description) + "</p>";
        return Reply.html(400, Html.page("Authorization error", body));
    }

    private boolean redirectAllowed(String uri) {
        if (!settings.redirectUris().isEmpty()) {
            return settings.redirectUris().contains(uri);
        }
        try {
            URI parsed = URI.create(uri);
            return parsed.isAbsolute() && ("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))
                && parsed.getFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String withParams(String uri, Map<String, String> params, String state) {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (state != null) {
            all.put("state", state);
        }
        StringBuilder out = new StringBuilder(uri);
        char sep = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : all.entrySet()) {
            out.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return out.toString();
    }

    // ---- token endpoint -----------------------------------------------------------------------------

    Reply token(ZendeskAccount account, Call call) {
        JsonNode body;
        if (call.isForm() && settings.tokenBodyAcceptsForm()) {
            body = Json.valueOf(call.form());
        } else {
            Optional<JsonNode> parsed = Json.parse(call.body());
            if (parsed.isEmpty() || !parsed.get().isObject()) {
                return ZendeskErrors.oauth(400, "invalid_request",
                    "The request is missing a required parameter, includes an unsupported parameter value, or is otherwise "
                        + "malformed. (The body must be a JSON object.)");
            }
            body = parsed.get();
        }
        String grantType = Json.string(body, "grant_type").orElse("");
        String clientId = Json.string(body, "client_id").orElse("");
        Optional<String> secret = Json.string(body, "client_secret");
        if (!clientId.equals(settings.clientId())) {
            return ZendeskErrors.oauth(401, "invalid_client", INVALID_CLIENT);
        }
        if (secret.isPresent() && settings.clientKind() == ZendeskSettings.ClientKind.CONFIDENTIAL
            && !MessageDigest.isEqual(secret.get().getBytes(StandardCharsets.UTF_8),
            settings.clientSecret().getBytes(StandardCharsets.UTF_8))) {
            return ZendeskErrors.oauth(401, "invalid_client", INVALID_CLIENT);
        }
        boolean secretOk = secret.isPresent() || settings.clientKind() == ZendeskSettings.ClientKind.PUBLIC;
        Lifetimes lifetimes;
        try {
            lifetimes = lifetimes(body);
        } catch (IllegalArgumentException invalid) {
            return ZendeskErrors.oauth(400, "invalid_request", invalid.getMessage());
        }
        return switch (grantType) {
            case "authorization_code" -> authorizationCode(account, body, clientId, secretOk, lifetimes);
            case "refresh_token" -> refresh(account, body, clientId, secretOk, lifetimes);
            case "client_credentials" -> clientCredentials(account, body, clientId, secretOk, lifetimes);
            case "" -> ZendeskErrors.oauth(400, "invalid_request", "grant_type is missing.");
            default -> ZendeskErrors.oauth(400, "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server.");
        };
    }

    record Lifetimes(Long expiresIn, Long refreshExpiresIn) {
    }

    private static Lifetimes lifetimes(JsonNode body) {
        Long expiresIn = integer(body, "expires_in");
        Long refreshIn = integer(body, "refresh_token_expires_in");
        if (expiresIn != null && (expiresIn <= 300 || expiresIn >= 172_800)) {
            throw new IllegalArgumentException("expires_in must be more than 300 and less than 172800 seconds");
        }
        if (refreshIn != null && (refreshIn <= 604_800 || refreshIn >= 7_776_000)) {
            throw new IllegalArgumentException("refresh_token_expires_in must be more than 604800 and less than 7776000 seconds");
        }
        if (expiresIn != null && refreshIn != null && expiresIn >= refreshIn) {
            throw new IllegalArgumentException("expires_in must be less than refresh_token_expires_in");
        }
        return new Lifetimes(expiresIn, refreshIn);
    }

    private static Long integer(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isString() && value.stringValue().matches("\\d{1,10}")) {
            return Long.parseLong(value.stringValue());
        }
        throw new IllegalArgumentException(field + " must be an integer number of seconds");
    }

    private Reply authorizationCode(ZendeskAccount account, JsonNode body, String clientId, boolean secretOk, Lifetimes lifetimes) {
        Optional<String> code = Json.string(body, "code");
        if (code.isEmpty()) {
            return ZendeskErrors.oauth(400, "invalid_request", "code is missing.");
        }
        synchronized (account) {
            ZendeskAccount.Code stored = account.codes.get(code.get());
            Instant now = clock.instant();
            if (stored == null || !stored.clientId().equals(clientId) || !now.isBefore(stored.expiresAt())) {
                return ZendeskErrors.oauth(400, "invalid_grant", INVALID_GRANT);
            }
            Optional<String> redirect = Json.string(body, "redirect_uri");
            if (stored.redirectUri() != null && redirect.isPresent() && !redirect.get().equals(stored.redirectUri())) {
                return ZendeskErrors.oauth(400, "invalid_grant", INVALID_GRANT);
            }
            Optional<String> verifier = Json.string(body, "code_verifier");
            if (stored.codeChallenge() != null) {
                if (verifier.isEmpty() || !s256(verifier.get()).equals(stored.codeChallenge())) {
                    return ZendeskErrors.oauth(400, "invalid_grant", INVALID_GRANT);
                }
            } else if (!secretOk) {
                return ZendeskErrors.oauth(401, "invalid_client", INVALID_CLIENT);
            }
            Set<String> scopes;
            try {
                scopes = narrow(scopes(stored.scope()), Json.string(body, "scope"));
            } catch (IllegalArgumentException e) {
                return ZendeskErrors.oauth(400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
            }
            account.codes.remove(code.get());
            return tokenResponse(issue(account, clientId, scopes, stored.userId(), lifetimes, true), lifetimes);
        }
    }

    private Reply refresh(ZendeskAccount account, JsonNode body, String clientId, boolean secretOk, Lifetimes lifetimes) {
        Optional<String> refreshToken = Json.string(body, "refresh_token");
        if (refreshToken.isEmpty()) {
            return ZendeskErrors.oauth(400, "invalid_request", "refresh_token is missing.");
        }
        if (!secretOk) {
            return ZendeskErrors.oauth(401, "invalid_client", INVALID_CLIENT);
        }
        synchronized (account) {
            Instant now = clock.instant();
            ZendeskAccount.Token old = account.tokensByRefresh.get(refreshToken.get());
            if (old == null || !old.clientId.equals(clientId) || !now.isBefore(old.refreshExpiresAt)
                || (old.refreshRevokedAt != null && !now.isBefore(old.refreshRevokedAt))) {
                return ZendeskErrors.oauth(400, "invalid_grant", REFRESH_INVALID);
            }
            Set<String> scopes;
            try {
                Optional<String> requested = Json.string(body, "scope").or(() -> Json.string(body, "scopes"));
                scopes = narrow(old.scopes, requested);
            } catch (IllegalArgumentException e) {
                return ZendeskErrors.oauth(400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
            }
            Instant dies = now.plus(settings.rotationGrace());
            if (old.revokedAt == null || old.revokedAt.isAfter(dies)) {
                old.revokedAt = dies;
            }
            old.refreshRevokedAt = dies;
            return tokenResponse(issue(account, clientId, scopes, old.userId, lifetimes, true), lifetimes);
        }
    }

    private Reply clientCredentials(ZendeskAccount account, JsonNode body, String clientId, boolean secretOk, Lifetimes lifetimes) {
        if (!secretOk || settings.clientKind() != ZendeskSettings.ClientKind.CONFIDENTIAL) {
            return ZendeskErrors.oauth(401, "invalid_client", INVALID_CLIENT);
        }
        String scope = Json.string(body, "scope").orElse("").trim();
        if (scope.isEmpty()) {
            return ZendeskErrors.oauth(400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
        }
        synchronized (account) {
            return tokenResponse(issue(account, clientId, scopes(scope), account.adminId, lifetimes, false), lifetimes);
        }
    }

    private Reply tokenResponse(ZendeskAccount.Token token, Lifetimes lifetimes) {
        ObjectNode o = Json.object();
        o.put("access_token", token.accessToken);
        o.put("token_type", "bearer");
        o.put("scope", String.join(" ", token.scopes));
        if (lifetimes.expiresIn() != null || settings.expiresInReporting() == ZendeskSettings.ExpiresInReporting.ALWAYS) {
            o.put("expires_in", Duration.between(token.createdAt, token.accessExpiresAt).toSeconds());
        }
        if (token.refreshToken != null) {
            o.put("refresh_token", token.refreshToken);
            o.put("refresh_token_expires_in", Duration.between(token.createdAt, token.refreshExpiresAt).toSeconds());
        }
        return Reply.json(201, o).withHeader("Cache-Control", "no-store");
    }

    /** Issues a token pair; the caller holds the account's lock. */
    ZendeskAccount.Token issue(ZendeskAccount account, String clientId, Set<String> scopes, long userId,
                               Lifetimes lifetimes, boolean withRefresh) {
        Instant now = clock.instant();
        Duration access = lifetimes.expiresIn() != null ? Duration.ofSeconds(lifetimes.expiresIn()) : settings.defaultAccessTtl();
        Duration refresh = lifetimes.refreshExpiresIn() != null
            ? Duration.ofSeconds(lifetimes.refreshExpiresIn()) : settings.defaultRefreshTtl();
        ZendeskAccount.Token token = new ZendeskAccount.Token(account.newTokenId(), clientId, Secrets.hex(32),
            withRefresh ? Secrets.hex(32) : null, scopes, userId, now, now.plus(access), now.plus(refresh));
        account.tokensByAccess.put(token.accessToken, token);
        if (token.refreshToken != null) {
            account.tokensByRefresh.put(token.refreshToken, token);
        }
        return token;
    }

    ZendeskAccount.Token issue(ZendeskAccount account, String scope) {
        synchronized (account) {
            return issue(account, settings.clientId(), scopes(scope), account.adminId, new Lifetimes(null, null), true);
        }
    }

    // ---- API authentication -------------------------------------------------------------------------

    Authentication authenticate(ZendeskAccount account, Call call) {
        Optional<String> header = call.header("authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Refused(ZendeskErrors.unauthenticated());
        }
        String presented = header.get().substring(7).trim();
        synchronized (account) {
            ZendeskAccount.Token token = account.tokensByAccess.get(presented);
            Instant now = clock.instant();
            if (token == null || (token.revokedAt != null && !now.isBefore(token.revokedAt))
                || !now.isBefore(token.accessExpiresAt)) {
                return new Refused(ZendeskErrors.invalidToken());
            }
            return new Authenticated(token);
        }
    }

    /** Whether a token may use {@code resource} for {@code access} ({@code read} or {@code write}). */
    static boolean allows(Set<String> scopes, String resource, String access) {
        return scopes.contains(access) || scopes.contains(resource + ":" + access);
    }

    static boolean validScope(String scope) {
        return scope.equals("read") || scope.equals("write") || scope.equals("impersonate") || RESOURCE_SCOPE.matcher(scope).matches();
    }

    static Set<String> scopes(String scope) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(scope.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    private static Set<String> narrow(Set<String> granted, Optional<String> requested) {
        if (requested.isEmpty() || requested.get().isBlank()) {
            return granted;
        }
        Set<String> wanted = scopes(requested.get());
        if (!granted.containsAll(wanted)) {
            throw new IllegalArgumentException("scope exceeds the granted scope");
        }
        return wanted;
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
