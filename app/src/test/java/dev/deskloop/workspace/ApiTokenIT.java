package dev.deskloop.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.deskloop.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.web.servlet.FlashMap;

class ApiTokenIT extends IntegrationTest {

    private static final Pattern SECRET = Pattern.compile("dlp_[A-Za-z0-9_-]{43}");

    @Autowired
    Fixtures fixtures;

    @Autowired
    Workspaces workspaces;

    @Test
    void aTokenIsShownOnceStoredHashedUsableAndRevocable() throws Exception {
        var team = fixtures.team("tokens");
        var owner = user(fixtures.signedIn(team.owner()));

        var session = new MockHttpSession();
        String tokensPage = "/w/" + team.workspace().id() + "/tokens";

        mvc.perform(post(tokensPage).session(session).with(owner).with(csrf()).param("name", "deploy hook"))
                .andExpect(redirectedUrl(tokensPage));
        assertThat(flashAttributes(session)).as("the secret waits in the session for the next page only")
                .singleElement().isInstanceOf(ApiTokens.IssuedToken.class);
        String page = mvc.perform(get(tokensPage).session(session).with(owner))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher shown = SECRET.matcher(page);
        assertThat(shown.find()).as("the new token is shown").isTrue();
        String secret = shown.group();
        assertThat(flashAttributes(session)).as("shown once, the secret is gone from the session").isEmpty();

        mvc.perform(get(tokensPage).session(session).with(owner))
                .andExpect(content().string(Matchers.containsString("deploy hook")))
                .andExpect(content().string(Matchers.not(Matchers.containsString(secret))));
        assertThat(databaseText()).noneMatch(value -> value.contains(secret));

        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + secret))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(team.owner().email()))
                .andExpect(jsonPath("$.workspace.role").value("owner"));
        String listed = mvc.perform(get("/api/v1/tokens").header("Authorization", "Bearer " + secret))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(listed).contains("deploy hook").doesNotContain(secret);

        String id = jdbc.sql("select id from api_token where workspace_id = :w and name = 'deploy hook'")
                .param("w", team.workspace().id()).query(String.class).single();
        mvc.perform(post("/w/{w}/tokens/{t}/revoke", team.workspace().id(), id).with(owner).with(csrf()))
                .andExpect(status().is3xxRedirection());

        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + secret))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", Matchers.startsWith("application/problem+json")));
        assertThat(audit(team)).contains("token.created", "token.revoked");
    }

    @Test
    void createsAndRevokesTokensThroughTheApi() throws Exception {
        var team = fixtures.team("apitokens");
        String first = fixtures.token(team.workspace(), team.owner());

        String body = mvc.perform(post("/api/v1/tokens").header("Authorization", "Bearer " + first)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"second\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.secret").value(Matchers.startsWith("dlp_")))
                .andReturn().getResponse().getContentAsString();
        String second = body.replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
        String secondId = body.replaceAll(".*\"token\":\\{\"id\":\"([^\"]+)\".*", "$1");

        mvc.perform(delete("/api/v1/tokens/{t}", secondId).header("Authorization", "Bearer " + first))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + second)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + first)).andExpect(status().isOk());
    }

    @Test
    void aTokenStopsWorkingWhenItsUserLeavesTheWorkspace() throws Exception {
        var team = fixtures.team("leaver");
        Account member = fixtures.member(team.workspace(), "leaving", Role.MEMBER);
        String token = fixtures.token(team.workspace(), member);
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());

        mvc.perform(post("/w/{w}/members/{u}/remove", team.workspace().id(), member.id())
                .with(user(fixtures.signedIn(team.owner()))).with(csrf())).andExpect(status().is3xxRedirection());

        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
    }

    @Test
    void refusesMissingAndMadeUpTokens() throws Exception {
        mvc.perform(get("/api/v1/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer dlp_madeup"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").header("Authorization", "Basic dXNlcjpwYXNz"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aViewerTokenCanReadButTheSessionCookieDoesNotAuthenticateTheApi() throws Exception {
        var team = fixtures.team("viewer-token");
        Account viewer = fixtures.member(team.workspace(), "viewer", Role.VIEWER);
        String token = fixtures.token(team.workspace(), viewer);

        mvc.perform(get("/api/v1/members").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
        var session = (org.springframework.mock.web.MockHttpSession) mvc.perform(
                        org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders
                                .formLogin("/login").user(team.owner().email()).password(Fixtures.PASSWORD))
                .andReturn().getRequest().getSession(false);
        assertThat(session).isNotNull();
        mvc.perform(get("/w/{w}/members", team.workspace().id()).session(session)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/members").session(session)).andExpect(status().isUnauthorized());
    }

    /** What the session holds for the next request's page. */
    private static List<Object> flashAttributes(MockHttpSession session) {
        return Collections.list(session.getAttributeNames()).stream()
                .map(session::getAttribute)
                .filter(List.class::isInstance).flatMap(value -> ((List<?>) value).stream())
                .filter(FlashMap.class::isInstance).flatMap(map -> ((FlashMap) map).values().stream())
                .toList();
    }

    private List<String> databaseText() {
        return jdbc.sql("select token_hash || ' ' || token_prefix || ' ' || name from api_token").query(String.class).list();
    }

    private List<String> audit(Fixtures.Team team) {
        return jdbc.sql("select action from audit_event where workspace_id = :w").param("w", team.workspace().id())
                .query(String.class).list();
    }
}
