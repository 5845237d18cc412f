package dev.deskloop.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.simulator.http.Call;
import dev.deskloop.simulator.junit.SimulatorExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Zendesk's authorization code, refresh (rotation), expiry and revocation, on a clock the test moves. */
class ZendeskOAuthTest {

    static final AdjustableClock CLOCK = AdjustableClock.startingNow();

    @RegisterExtension
    static final SimulatorExtension SIMULATOR = SimulatorExtension.withConfig(SimulatorConfig.defaults().withClock(CLOCK));

    private static final String SUB = "globex";

    private static String tokenUrl(Simulator sim) {
        return sim.zendesk().baseUrl(SUB) + "/oauth/tokens";
    }

    private static HttpResponse<String> refresh(Simulator sim, String refreshToken) {
        return TestHttp.json("POST", tokenUrl(sim), null, "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refreshToken
            + "\",\"client_id\":\"" + sim.zendesk().clientId() + "\",\"client_secret\":\"" + sim.zendesk().clientSecret()
            + "\",\"expires_in\":3600,\"refresh_token_expires_in\":864000}");
    }

    private static int ticketsStatus(Simulator sim, String token) {
        return TestHttp.get(sim.zendesk().baseUrl(SUB) + "/api/v2/users/me.json", token).statusCode();
    }

    @Test
    void codeIsSingleUseAndReportsExpiresInOnlyWhenAsked(Simulator sim) throws Exception {
        String code = Flows.zendeskCode(sim, SUB, "read write");
        HttpResponse<String> first = Flows.zendeskExchange(sim, SUB, code, "");
        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode body = Flows.json(first);
        assertThat(body.get("token_type").stringValue()).isEqualTo("bearer");
        assertThat(body.has("expires_in")).isFalse();
        assertThat(body.get("refresh_token_expires_in").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());

        HttpResponse<String> again = Flows.zendeskExchange(sim, SUB, code, "");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(Flows.json(again).get("error").stringValue()).isEqualTo("invalid_grant");
    }

    @Test
    void codeExpiresAfter120Seconds(Simulator sim) throws Exception {
        String code = Flows.zendeskCode(sim, SUB, "read");
        CLOCK.advance(Duration.ofSeconds(121));
        HttpResponse<String> late = Flows.zendeskExchange(sim, SUB, code, "");
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(Flows.json(late).get("error").stringValue()).isEqualTo("invalid_grant");
    }

    @Test
    void wrongVerifierAndNumericClientIdAreRefused(Simulator sim) throws Exception {
        String code = Flows.zendeskCode(sim, SUB, "read");
        HttpResponse<String> badVerifier = TestHttp.json("POST", tokenUrl(sim), null, "{\"grant_type\":\"authorization_code\",\"code\":\""
            + code + "\",\"client_id\":\"" + sim.zendesk().clientId() + "\",\"redirect_uri\":\"" + Flows.REDIRECT
            + "\",\"code_verifier\":\"wrong-verifier-wrong-verifier-wrong-verifier\"}");
        assertThat(badVerifier.statusCode()).isEqualTo(400);
        assertThat(Flows.json(badVerifier).get("error").stringValue()).isEqualTo("invalid_grant");

        HttpResponse<String> numeric = TestHttp.json("POST", tokenUrl(sim), null,
            "{\"grant_type\":\"authorization_code\",\"code\":\"x\",\"client_id\":\"12345\"}");
        assertThat(numeric.statusCode()).isEqualTo(401);
        assertThat(Flows.json(numeric).get("error").stringValue()).isEqualTo("invalid_client");

        HttpResponse<String> notJson = TestHttp.send("POST", tokenUrl(sim), null, "application/x-www-form-urlencoded", "grant_type=refresh_token");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(Flows.json(notJson).get("error").stringValue()).isEqualTo("invalid_request");
    }

    @Test
    void consentPageRefusesMissingPkceAndDenyRedirectsWithAccessDenied(Simulator sim) throws Exception {
        HttpResponse<String> noPkce = TestHttp.get(sim.zendesk().baseUrl(SUB) + "/oauth/authorizations/new?response_type=code&client_id="
            + sim.zendesk().clientId() + "&redirect_uri=" + Flows.enc(Flows.REDIRECT) + "&scope=read&state=s", null);
        assertThat(noPkce.statusCode()).isEqualTo(302);
        assertThat(noPkce.headers().firstValue("location").orElseThrow()).contains("error=invalid_request").contains("state=s");

        HttpResponse<String> unknownClient = TestHttp.get(sim.zendesk().baseUrl(SUB)
            + "/oauth/authorizations/new?response_type=code&client_id=other&scope=read", null);
        assertThat(unknownClient.statusCode()).isEqualTo(400);

        URI denied = Flows.zendeskConsent(sim, SUB, "read", "deny");
        assertThat(Call.decodeForm(denied.getRawQuery())).containsEntry("error", "access_denied").containsEntry("state", "st4te");
    }

    @Test
    void refreshRotatesAndKillsTheOldPairAtOnce(Simulator sim) throws Exception {
        JsonNode first = Flows.json(Flows.zendeskExchange(sim, SUB, Flows.zendeskCode(sim, SUB, "read write"),
            ",\"expires_in\":3600,\"refresh_token_expires_in\":864000"));
        assertThat(first.get("expires_in").asLong()).isEqualTo(3600);
        HttpResponse<String> rotated = refresh(sim, first.get("refresh_token").stringValue());
        assertThat(rotated.statusCode()).isEqualTo(201);
        JsonNode second = Flows.json(rotated);
        assertThat(second.get("refresh_token").stringValue()).isNotEqualTo(first.get("refresh_token").stringValue());

        assertThat(ticketsStatus(sim, first.get("access_token").stringValue())).isEqualTo(401);
        assertThat(ticketsStatus(sim, second.get("access_token").stringValue())).isEqualTo(200);
        HttpResponse<String> reuse = refresh(sim, first.get("refresh_token").stringValue());
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(Flows.json(reuse).get("error").stringValue()).isEqualTo("invalid_grant");
    }

    @Test
    void accessTokenExpiresOnTheClockAndRejectsBadLifetimes(Simulator sim) throws Exception {
        JsonNode tokens = Flows.json(Flows.zendeskExchange(sim, SUB, Flows.zendeskCode(sim, SUB, "read"),
            ",\"expires_in\":600,\"refresh_token_expires_in\":864000"));
        String access = tokens.get("access_token").stringValue();
        assertThat(ticketsStatus(sim, access)).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(601));
        HttpResponse<String> expired = TestHttp.get(sim.zendesk().baseUrl(SUB) + "/api/v2/users/me.json", access);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Flows.json(expired).get("error").stringValue()).isEqualTo("invalid_token");
        assertThat(refresh(sim, tokens.get("refresh_token").stringValue()).statusCode()).isEqualTo(201);

        HttpResponse<String> tooShort = Flows.zendeskExchange(sim, SUB, Flows.zendeskCode(sim, SUB, "read"), ",\"expires_in\":60");
        assertThat(tooShort.statusCode()).isEqualTo(400);
    }

    @Test
    void revokingCurrentKillsAccessAndRefresh(Simulator sim) throws Exception {
        JsonNode tokens = Flows.json(Flows.zendeskExchange(sim, SUB, Flows.zendeskCode(sim, SUB, "tickets:read"), ""));
        String access = tokens.get("access_token").stringValue();
        HttpResponse<String> revoked = TestHttp.send("DELETE", sim.zendesk().baseUrl(SUB) + "/api/v2/oauth/tokens/current.json",
            access, null, null);
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(ticketsStatus(sim, access)).isEqualTo(401);
        assertThat(refresh(sim, tokens.get("refresh_token").stringValue()).statusCode()).isEqualTo(400);
    }
}
