package dev.deskloop.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import dev.deskloop.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SetupLinkIT extends IntegrationTest {

    @Autowired
    Accounts accounts;

    @Autowired
    Workspaces workspaces;

    @Autowired
    SetupLinks setupLinks;

    @Test
    void firstStartCreatesTheOwnerWithoutAPasswordAndALink() {
        Account owner = accounts.byEmail("owner@localhost").orElseThrow();

        assertThat(workspaces.of(owner.id())).extracting(MyWorkspace::role).containsExactly(Role.OWNER);
        long links = jdbc.sql("select count(*) from setup_token where user_id = :u").param("u", owner.id())
                .query(Long.class).single();
        assertThat(links).isEqualTo(1);
    }

    @Test
    void aSetupLinkSetsThePasswordOnceAndThenSignInWorks() throws Exception {
        Account account = accounts.create("invitee-" + System.nanoTime() + "@example.com", null);
        String path = path(setupLinks.issue(account.id()));

        mvc.perform(get(path)).andExpect(status().isOk()).andExpect(content().string(
                org.hamcrest.Matchers.containsString(account.email())));
        mvc.perform(post(path).with(csrf()).param("password", "a long enough secret").param("confirmation",
                        "a long enough secret"))
                .andExpect(redirectedUrl("/login?password-set"));
        mvc.perform(formLogin("/login").user(account.email()).password("a long enough secret"))
                .andExpect(authenticated());

        mvc.perform(get(path)).andExpect(status().isNotFound());
        mvc.perform(post(path).with(csrf()).param("password", "another long secret").param("confirmation",
                "another long secret")).andExpect(status().isNotFound());
    }

    @Test
    void refusesAShortPasswordAndKeepsTheLinkUsable() throws Exception {
        Account account = accounts.create("short-" + System.nanoTime() + "@example.com", null);
        String path = path(setupLinks.issue(account.id()));

        mvc.perform(post(path).with(csrf()).param("password", "short").param("confirmation", "short"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("at least 12 characters")));

        mvc.perform(get(path)).andExpect(status().isOk());
        assertThat(accounts.byId(account.id()).orElseThrow().hasPassword()).isFalse();
    }

    @Test
    void anExpiredLinkNoLongerWorks() throws Exception {
        Account account = accounts.create("late-" + System.nanoTime() + "@example.com", null);
        String path = path(setupLinks.issue(account.id()));

        clock.advance(Duration.ofHours(25));

        mvc.perform(get(path)).andExpect(status().isNotFound());
    }

    @Test
    void storesOnlyTheHashOfTheLink() {
        Account account = accounts.create("hash-" + System.nanoTime() + "@example.com", null);
        String link = setupLinks.issue(account.id());
        String token = link.substring(link.lastIndexOf('/') + 1);

        long plain = jdbc.sql("select count(*) from setup_token where token_hash = :t").param("t", token)
                .query(Long.class).single();
        assertThat(plain).isZero();
    }

    private static String path(String link) {
        return link.substring(link.indexOf("/setup/"));
    }
}
