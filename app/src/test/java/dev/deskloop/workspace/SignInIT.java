package dev.deskloop.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.time.Duration;

import dev.deskloop.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

class SignInIT extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void servesTheSignInPageToAnonymousVisitors() throws Exception {
        mvc.perform(get("/login")).andExpect(status().isOk());
        mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void signsInWithTheRightPasswordAndAuditsIt() throws Exception {
        var team = fixtures.team("signin");

        mvc.perform(formLogin("/login").user(team.owner().email()).password(Fixtures.PASSWORD))
                .andExpect(authenticated().withUsername(team.owner().email()))
                .andExpect(redirectedUrl("/"));

        assertThat(actions(team.workspace().id())).contains("user.signed_in");
    }

    @Test
    void returnsToThePageAskedForBeforeSigningIn() throws Exception {
        var team = fixtures.team("return");
        var session = new MockHttpSession();
        mvc.perform(get("/w/{w}/members", team.workspace().id()).session(session)).andExpect(redirectedUrl("/login"));

        String next = mvc.perform(post("/login").session(session).with(csrf())
                        .param("username", team.owner().email()).param("password", Fixtures.PASSWORD))
                .andExpect(authenticated())
                .andReturn().getResponse().getRedirectedUrl();

        assertThat(URI.create(next).getPath()).isEqualTo("/w/" + team.workspace().id() + "/members");
    }

    @Test
    void refusesAWrongPasswordAndAuditsTheFailure() throws Exception {
        var team = fixtures.team("wrongpw");

        mvc.perform(formLogin("/login").user(team.owner().email()).password("not the password"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));

        assertThat(actions(team.workspace().id())).contains("user.sign_in_failed");
    }

    @Test
    void locksTheAddressAfterRepeatedFailuresEvenForTheRightPassword() throws Exception {
        var team = fixtures.team("throttle");
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user(team.owner().email()).password("guess " + i))
                    .andExpect(unauthenticated());
        }

        mvc.perform(formLogin("/login").user(team.owner().email()).password(Fixtures.PASSWORD))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?locked"));
        assertThat(actions(team.workspace().id())).contains("user.sign_in_throttled");

        clock.advance(Duration.ofMinutes(16));
        mvc.perform(formLogin("/login").user(team.owner().email()).password(Fixtures.PASSWORD))
                .andExpect(authenticated());
    }

    @Test
    void throttlesUnknownAddressesTooSoProbingRevealsNothing() throws Exception {
        String nobody = "nobody-" + System.nanoTime() + "@example.com";
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user(nobody).password("guess")).andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin("/login").user(nobody).password("guess")).andExpect(redirectedUrl("/login?locked"));
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() throws Exception {
        var team = fixtures.team("window");
        for (int i = 0; i < 4; i++) {
            mvc.perform(formLogin("/login").user(team.owner().email()).password("guess")).andExpect(unauthenticated());
        }
        clock.advance(Duration.ofMinutes(20));
        mvc.perform(formLogin("/login").user(team.owner().email()).password("guess")).andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin("/login").user(team.owner().email()).password(Fixtures.PASSWORD)).andExpect(authenticated());
    }

    private java.util.List<String> actions(java.util.UUID workspaceId) {
        return jdbc.sql("select action from audit_event where workspace_id = :w")
                .param("w", workspaceId).query(String.class).list();
    }
}
