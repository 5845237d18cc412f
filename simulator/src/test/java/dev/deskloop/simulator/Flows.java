package dev.deskloop.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.simulator.http.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The browser side of the OAuth flows, driven over HTTP as a person clicking Allow would. */
final class Flows {

    static final String REDIRECT = "https://deskloop.test/oauth/callback";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final Pattern CONSENT = Pattern.compile("name=\"consent_id\" value=\"([^\"]+)\"");

    private Flows() {
    }

    static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Opens Zendesk's consent page and clicks Allow (or Deny); returns the redirect Location. */
    static URI zendeskConsent(Simulator sim, String sub, String scope, String decision) throws Exception {
        String url = sim.zendesk().baseUrl(sub) + "/oauth/authorizations/new?response_type=code&client_id="
            + enc(sim.zendesk().clientId()) + "&redirect_uri=" + enc(REDIRECT) + "&scope=" + enc(scope) + "&state=st4te"
            + "&code_challenge=" + challenge(VERIFIER) + "&code_challenge_method=S256";
        HttpResponse<String> page = TestHttp.get(url, null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher m = CONSENT.matcher(page.body());
        assertThat(m.find()).isTrue();
        HttpResponse<String> decided = TestHttp.form(sim.zendesk().baseUrl(sub) + "/oauth/authorizations",
            "consent_id=" + m.group(1) + "&decision=" + decision);
        assertThat(decided.statusCode()).isEqualTo(302);
        return URI.create(decided.headers().firstValue("location").orElseThrow());
    }

    static String zendeskCode(Simulator sim, String sub, String scope) throws Exception {
        URI location = zendeskConsent(sim, sub, scope, "allow");
        Map<String, String> params = dev.deskloop.simulator.http.Call.decodeForm(location.getRawQuery());
        assertThat(params).containsEntry("state", "st4te");
        return params.get("code");
    }

    static HttpResponse<String> zendeskExchange(Simulator sim, String sub, String code, String extra) {
        String body = "{\"grant_type\":\"authorization_code\",\"code\":\"" + code + "\",\"client_id\":\"" + sim.zendesk().clientId()
            + "\",\"client_secret\":\"" + sim.zendesk().clientSecret() + "\",\"redirect_uri\":\"" + REDIRECT
            + "\",\"code_verifier\":\"" + VERIFIER + "\"" + extra + "}";
        return TestHttp.json("POST", sim.zendesk().baseUrl(sub) + "/oauth/tokens", null, body);
    }

    static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body()).orElseThrow(() -> new AssertionError("not JSON: " + response.body()));
    }

    /** Opens Intercom's consent page, clicks Connect and exchanges the code (form-encoded); returns the token. */
    static String intercomToken(Simulator sim) {
        HttpResponse<String> page = TestHttp.get(sim.intercom().authorizeUrl() + "?client_id=" + enc(sim.intercom().clientId())
            + "&state=abc&redirect_uri=" + enc(REDIRECT), null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher m = CONSENT.matcher(page.body());
        assertThat(m.find()).isTrue();
        HttpResponse<String> decided = TestHttp.form(sim.intercom().authorizeUrl(), "consent_id=" + m.group(1) + "&decision=allow");
        Map<String, String> params = dev.deskloop.simulator.http.Call.decodeForm(
            URI.create(decided.headers().firstValue("location").orElseThrow()).getRawQuery());
        assertThat(params).containsEntry("state", "abc");
        HttpResponse<String> token = TestHttp.form(sim.intercom().apiBaseUrl() + "/auth/eagle/token",
            "code=" + enc(params.get("code")) + "&client_id=" + enc(sim.intercom().clientId()) + "&client_secret="
                + enc(sim.intercom().clientSecret()));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return json(token).get("access_token").stringValue();
    }
}
