package dev.deskloop.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.deskloop.IntegrationTest;
import dev.deskloop.workspace.Fixtures;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AuditLogIT extends IntegrationTest {

    @Autowired
    AuditLog audit;

    @Autowired
    Fixtures fixtures;

    @Test
    void filtersByActorActionAndDateAndPagesNewestFirst() throws Exception {
        var team = fixtures.team("audit");
        String token = fixtures.token(team.workspace(), team.owner());
        LocalDate firstDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (int i = 0; i < 5; i++) {
            audit.record(team.workspace().id(), "robot@example.com", "test.ping", "target " + i, "n=" + i);
        }
        clock.advance(Duration.ofDays(2));
        audit.record(team.workspace().id(), "human@example.com", "test.pong", "later", null);

        mvc.perform(get("/api/v1/audit-events").header("Authorization", "Bearer " + token)
                        .param("action", "test.ping").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(5))
                .andExpect(jsonPath("$.events.length()").value(2))
                .andExpect(jsonPath("$.events[0].target").value("target 4"))
                .andExpect(jsonPath("$.has_next").value(true));
        mvc.perform(get("/api/v1/audit-events").header("Authorization", "Bearer " + token)
                        .param("action", "test.ping").param("size", "2").param("page", "2"))
                .andExpect(jsonPath("$.events.length()").value(1))
                .andExpect(jsonPath("$.events[0].target").value("target 0"))
                .andExpect(jsonPath("$.has_next").value(false));
        mvc.perform(get("/api/v1/audit-events").header("Authorization", "Bearer " + token).param("actor", "HUMAN"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.events[0].action").value("test.pong"));
        mvc.perform(get("/api/v1/audit-events").header("Authorization", "Bearer " + token)
                        .param("from", firstDay.toString()).param("to", firstDay.toString()).param("action", "test.pong"))
                .andExpect(jsonPath("$.total").value(0));

        mvc.perform(get("/w/{w}/audit", team.workspace().id()).with(user(fixtures.signedIn(team.owner())))
                        .param("action", "test.pong"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("human@example.com")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("robot@example.com"))));
    }

    @Test
    void rejectsInvalidFiltersNamingTheField() throws Exception {
        var team = fixtures.team("audit-bad");
        String token = fixtures.token(team.workspace(), team.owner());

        mvc.perform(get("/api/v1/audit-events").header("Authorization", "Bearer " + token).param("from", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(get("/api/v1/audit-events").header("Authorization", "Bearer " + token).param("size", "100000"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/v1/audit-events").header("Authorization", "Bearer " + token).param("page", "-1"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void escapesWhatActorsWroteWhenShowingIt() throws Exception {
        var team = fixtures.team("audit-xss");
        audit.record(team.workspace().id(), "<script>alert(1)</script>", "test.xss", "<img src=x onerror=alert(1)>", null);

        String page = mvc.perform(get("/w/{w}/audit", team.workspace().id()).with(user(fixtures.signedIn(team.owner()))))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).doesNotContain("<script>alert(1)</script>").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void keepsEveryEntryOfTheWorkspaceAndNoneOfOthers() {
        var a = fixtures.team("audit-a");
        var b = fixtures.team("audit-b");
        audit.record(a.workspace().id(), "x", "test.only-a", null, null);

        var page = audit.search(b.workspace().id(), new AuditQuery(null, "test.only-a", null, null, 0, 10));

        assertThat(page.total()).isZero();
        assertThat(audit.search(a.workspace().id(), new AuditQuery(null, "test.only-a", null, null, 0, 10)).total())
                .isEqualTo(1);
    }
}
