package dev.deskloop.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.deskloop.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** A member of workspace A sees nothing of workspace B: every page and API call answers 404. */
class WorkspaceIsolationIT extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Workspaces workspaces;

    @Autowired
    ApiTokens tokens;

    @Test
    void pagesOfAnotherWorkspaceAreNotFound() throws Exception {
        var a = fixtures.team("a");
        var b = fixtures.team("b");
        var alice = user(fixtures.signedIn(a.owner()));

        for (String page : new String[] {"/w/{w}", "/w/{w}/members", "/w/{w}/tokens", "/w/{w}/audit"}) {
            mvc.perform(get(page, b.workspace().id()).with(alice))
                    .andExpect(status().isNotFound())
                    .andExpect(content().string(Matchers.not(Matchers.containsString(b.workspace().name()))));
        }
        mvc.perform(post("/w/{w}/members", b.workspace().id()).with(alice).with(csrf())
                .param("email", "intruder@example.com").param("role", "owner")).andExpect(status().isNotFound());
        mvc.perform(post("/w/{w}/members/{u}/remove", b.workspace().id(), b.owner().id()).with(alice).with(csrf()))
                .andExpect(status().isNotFound());

        assertThat(workspaces.members(b.workspace().id())).extracting(Member::email).containsExactly(b.owner().email());
    }

    @Test
    void apiCallsNeverReachAnotherWorkspace() throws Exception {
        var a = fixtures.team("a");
        var b = fixtures.team("b");
        String aliceToken = fixtures.token(a.workspace(), a.owner());
        var bobToken = tokens.create(fixtures.caller(b.workspace(), b.owner()), "bob's");

        mvc.perform(get("/api/v1/members/{u}", b.owner().id()).header("Authorization", "Bearer " + aliceToken))
                .andExpect(status().isNotFound());
        mvc.perform(patch("/api/v1/members/{u}", b.owner().id()).header("Authorization", "Bearer " + aliceToken)
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"viewer\"}")).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/members/{u}", b.owner().id()).header("Authorization", "Bearer " + aliceToken))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/tokens/{t}", bobToken.token().id()).header("Authorization", "Bearer " + aliceToken))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/members").header("Authorization", "Bearer " + aliceToken))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString(b.owner().email()))));
        mvc.perform(get("/api/v1/audit-events").header("Authorization", "Bearer " + aliceToken))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString(b.owner().email()))));

        assertThat(workspaces.roleOf(b.workspace().id(), b.owner().id())).contains(Role.OWNER);
        assertThat(tokens.list(fixtures.caller(b.workspace(), b.owner()))).allMatch(ApiToken::active);
    }

    @Test
    void aTokenOnlyActsInsideTheWorkspaceItWasCreatedIn() throws Exception {
        var a = fixtures.team("a");
        var b = fixtures.team("b");
        fixtures.member(b.workspace(), "spare", Role.MEMBER);
        // The same person is owner of A and member of B; the token made in A still only sees A.
        workspaces.addMember(b.workspace().id(), a.owner().id(), Role.MEMBER);
        String tokenForA = fixtures.token(a.workspace(), a.owner());

        mvc.perform(get("/api/v1/members").header("Authorization", "Bearer " + tokenForA))
                .andExpect(content().string(Matchers.not(Matchers.containsString(b.owner().email()))));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + tokenForA))
                .andExpect(content().string(Matchers.containsString(a.workspace().id().toString())));
    }
}
