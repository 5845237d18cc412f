package dev.deskloop.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.deskloop.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Passwords, API tokens and setup links never reach the log, whatever happens to them. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsIT extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Accounts accounts;

    @Autowired
    SetupLinks setupLinks;

    @Test
    void secretsUsedInEveryFlowAreNotLogged(CapturedOutput output) throws Exception {
        var team = fixtures.team("logs");
        String token = fixtures.token(team.workspace(), team.owner());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token + "x"));
        mvc.perform(formLogin("/login").user(team.owner().email()).password("wrong-" + token));
        mvc.perform(formLogin("/login").user(team.owner().email()).password(Fixtures.PASSWORD));

        Account invited = accounts.create("logs-" + System.nanoTime() + "@example.com", null);
        String link = setupLinks.issue(invited.id());
        String path = link.substring(link.indexOf("/setup/"));
        mvc.perform(post(path).with(csrf()).param("password", "short").param("confirmation", "short"));
        mvc.perform(post(path).with(csrf()).param("password", "my secret passphrase")
                .param("confirmation", "my secret passphrase"));

        assertThat(output.getAll())
                .doesNotContain(token)
                .doesNotContain(Fixtures.PASSWORD)
                .doesNotContain("my secret passphrase")
                .doesNotContain(path.substring("/setup/".length()));
    }
}
