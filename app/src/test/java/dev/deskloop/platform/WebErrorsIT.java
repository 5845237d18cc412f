package dev.deskloop.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.workspace.Fixtures;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Bad input gets a clear 4xx and leaves nothing behind. */
class WebErrorsIT extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void unknownApiRoutesAnswerAProblemDetail() throws Exception {
        var team = fixtures.team("routes");
        mvc.perform(get("/api/v1/no-such-thing").header("Authorization", "Bearer " + fixtures.token(team.workspace(), team.owner())))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", Matchers.startsWith("application/problem+json")))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Not found"));
    }

    @Test
    void anAcceptHeaderTheApiCannotAnswerIsA406NotAServerError() throws Exception {
        var team = fixtures.team("accept");
        mvc.perform(get("/api/v1/bugs").header("Authorization", "Bearer " + fixtures.token(team.workspace(), team.owner()))
                        .accept(MediaType.APPLICATION_XML))
                .andExpect(status().isNotAcceptable());
    }

    @Test
    void aHugePageNumberIsAnEmptyPageNotAServerError() throws Exception {
        var team = fixtures.team("huge-page");
        mvc.perform(get("/w/{w}/tickets", team.workspace().id()).param("page", String.valueOf(Integer.MAX_VALUE))
                        .with(user(fixtures.signedIn(team.owner()))))
                .andExpect(status().isOk());
    }

    @Test
    void unknownPagesAnswerA404Page() throws Exception {
        var team = fixtures.team("pages");
        mvc.perform(get("/w/{w}/no-such-page", team.workspace().id()).with(user(fixtures.signedIn(team.owner()))))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML));
        mvc.perform(get("/w/not-a-uuid/members").with(user(fixtures.signedIn(team.owner()))))
                .andExpect(status().isNotFound());
    }

    @Test
    void malformedJsonIsA400AndCreatesNothing() throws Exception {
        var team = fixtures.team("json");
        String token = fixtures.token(team.workspace(), team.owner());
        long before = memberships(team);

        mvc.perform(post("/api/v1/members").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\": \"x@example.com\", "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Malformed request body"));

        assertThat(memberships(team)).isEqualTo(before);
    }

    @Test
    void invalidFieldsAreNamed() throws Exception {
        var team = fixtures.team("fields");
        String token = fixtures.token(team.workspace(), team.owner());
        long before = memberships(team);

        mvc.perform(post("/api/v1/members").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"not an address\",\"role\":\"member\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"));
        mvc.perform(post("/api/v1/members").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"ok-" + UUID.randomUUID() + "@example.com\",\"role\":\"king\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("role"));
        mvc.perform(post("/api/v1/tokens").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(post("/api/v1/tokens").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":[1,2]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));

        assertThat(memberships(team)).isEqualTo(before);
        assertThat(accounts("ok-")).isZero();
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        var team = fixtures.team("big");
        String token = fixtures.token(team.workspace(), team.owner());
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        mvc.perform(post("/api/v1/tokens").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content(huge))
                .andExpect(status().isContentTooLarge());
        long tokens = jdbc.sql("select count(*) from api_token where workspace_id = :w").param("w", team.workspace().id())
                .query(Long.class).single();
        assertThat(tokens).isEqualTo(1);
    }

    @Test
    void aFormWithoutAValidCsrfTokenIsRefused() throws Exception {
        var team = fixtures.team("csrf");
        var owner = user(fixtures.signedIn(team.owner()));

        mvc.perform(post("/w/{w}/tokens", team.workspace().id()).with(owner).param("name", "no csrf"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/w/{w}/tokens", team.workspace().id()).with(owner).with(csrf().useInvalidToken())
                        .param("name", "bad csrf"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/w/{w}/members", team.workspace().id()).with(owner)
                        .param("email", "csrf-victim@example.com").param("role", "owner"))
                .andExpect(status().isForbidden());

        long tokens = jdbc.sql("select count(*) from api_token where workspace_id = :w").param("w", team.workspace().id())
                .query(Long.class).single();
        assertThat(tokens).isZero();
        assertThat(memberships(team)).isEqualTo(1);

        mvc.perform(post("/w/{w}/tokens", team.workspace().id()).with(owner).with(csrf()).param("name", "with csrf"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void aRefusedFormIsAnsweredWithAPageStyledLikeTheOthers() throws Exception {
        var team = fixtures.team("styled-refusal");

        mvc.perform(post("/w/{w}/tokens", team.workspace().id()).with(user(fixtures.signedIn(team.owner())))
                        .param("name", "no csrf"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<link rel=\"stylesheet\" href=\"/css/deskloop.css\">"),
                        Matchers.containsString("<body class=\"narrow\">"),
                        Matchers.containsString("<h1>403 Forbidden</h1>"))));
    }

    @Test
    void pagesSendSecurityHeaders() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("default-src 'self'")))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    private long memberships(Fixtures.Team team) {
        return jdbc.sql("select count(*) from membership where workspace_id = :w").param("w", team.workspace().id())
                .query(Long.class).single();
    }

    private long accounts(String prefix) {
        return jdbc.sql("select count(*) from app_user where email like :p").param("p", prefix + "%")
                .query(Long.class).single();
    }
}
