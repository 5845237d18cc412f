package dev.deskloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.connection.ConnectionFlow;
import dev.deskloop.connection.Connections;
import dev.deskloop.workspace.Account;
import dev.deskloop.workspace.Fixtures;
import dev.deskloop.workspace.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Binding settings through the API and the page: defaults, validation naming the field, roles, isolation, audit. */
class BindingSettingsIT extends IntegrationTest {

    @Autowired
    Bindings bindings;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Connections connections;

    Fixtures.Team team;
    UUID connectionId;
    String ownerToken;

    @BeforeEach
    void connect() throws Exception {
        team = fixtures.team("binding");
        connectionId = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "zendesk",
                "bind" + UUID.randomUUID().toString().substring(0, 8), connections);
        ownerToken = fixtures.token(team.workspace(), team.owner());
    }

    @Test
    void aNewConnectionHasTheDocumentedDefaults() throws Exception {
        mvc.perform(get("/api/v1/connections/{c}/settings", connectionId).header("Authorization", "Bearer " + ownerToken))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.posting_mode").value("internal"))
                .andExpect(jsonPath("$.auto_analyze").value("high"))
                .andExpect(jsonPath("$.time_buffer_hours").value(2))
                .andExpect(jsonPath("$.field_mapping.severity").doesNotExist())
                .andExpect(jsonPath("$.public_reply_template").value(ReplyTemplate.DEFAULT))
                .andExpect(jsonPath("$.classification_notes").value(false))
                .andExpect(jsonPath("$.time_zone").doesNotExist());
        mvc.perform(get("/api/v1/connections").header("Authorization", "Bearer " + ownerToken))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(connectionId.toString()))
                .andExpect(jsonPath("$[0].provider").value("zendesk"));
    }

    @Test
    void anAdminChangesSettingsAndTheAuditLogSaysBeforeAndAfter() throws Exception {
        mvc.perform(put("/api/v1/connections/{c}/settings", connectionId).header("Authorization", "Bearer " + ownerToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"posting_mode":"both","time_buffer_hours":6,"field_mapping":{"severity":"360001"},
                                 "scope_filter":"billing","classification_notes":true}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.posting_mode").value("both"))
                .andExpect(jsonPath("$.auto_analyze").value("high"))
                .andExpect(jsonPath("$.field_mapping.severity").value("360001"))
                .andExpect(jsonPath("$.scope_filter").value("billing"));

        assertThat(connections.byId(connectionId).orElseThrow().scopeFilter()).as("ingestion reads it here").isEqualTo("billing");
        List<String> details = jdbc.sql("select details from audit_event where workspace_id = :w and action = 'binding.changed'")
                .param("w", team.workspace().id()).query(String.class).list();
        assertThat(details).singleElement().asString().contains("posting_mode: internal → both")
                .contains("time_buffer_hours: 2 → 6").contains("scope_filter: null → billing");
    }

    @Test
    void theTimeZoneIsAKnownZoneAndEmptySetsItBackToAutomatic() throws Exception {
        putSettings("{\"time_zone\":\" Europe/Paris \"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.time_zone").value("Europe/Paris"));
        assertThat(bindings.of(connectionId).zone()).isEqualTo(java.time.ZoneId.of("Europe/Paris"));
        putSettings("{\"posting_mode\":\"both\"}").andExpect(jsonPath("$.time_zone").value("Europe/Paris"));

        for (String zone : List.of("Mars/Olympus_Mons", "+02:00", "europe/paris", "Europe/Paris; drop table x",
                "A".repeat(65))) {
            putSettings("{\"time_zone\":\"" + zone + "\"}").andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("time_zone"));
        }
        assertThat(bindings.of(connectionId).zone()).isEqualTo(java.time.ZoneId.of("Europe/Paris"));

        putSettings("{\"time_zone\":\"\"}").andExpect(status().isOk()).andExpect(jsonPath("$.time_zone").doesNotExist());
        assertThat(bindings.of(connectionId).zone()).as("automatic").isNull();
        List<String> details = jdbc.sql("select details from audit_event where workspace_id = :w and action = 'binding.changed'")
                .param("w", team.workspace().id()).query(String.class).list();
        assertThat(details).anySatisfy(d -> assertThat(d).contains("time_zone: automatic → Europe/Paris"))
                .anySatisfy(d -> assertThat(d).contains("time_zone: Europe/Paris → automatic"));
    }

    private org.springframework.test.web.servlet.ResultActions putSettings(String body) throws Exception {
        return mvc.perform(put("/api/v1/connections/{c}/settings", connectionId).header("Authorization", "Bearer " + ownerToken)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void invalidSettingsAreRefusedNamingTheField() throws Exception {
        String template = "Hello {{requesterName}}, about {{foo}}";
        mvc.perform(put("/api/v1/connections/{c}/settings", connectionId).header("Authorization", "Bearer " + ownerToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"public_reply_template\":\"" + template + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("public_reply_template"))
                .andExpect(jsonPath("$.errors[0].message").value(startsWith(
                        "unknown variable {{foo}} at character " + (template.indexOf("{{foo") + 1))));
        for (String body : List.of("{\"posting_mode\":\"loud\"}", "{\"time_buffer_hours\":169}",
                "{\"auto_analyze\":\"sometimes\"}", "{\"field_mapping\":{\"severity\":\"Severity\"}}")) {
            mvc.perform(put("/api/v1/connections/{c}/settings", connectionId).header("Authorization", "Bearer " + ownerToken)
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").exists());
        }
    }

    @Test
    void membersMayReadButNotChangeAndOtherWorkspacesSeeNothing() throws Exception {
        Account member = fixtures.member(team.workspace(), "binding-member", Role.MEMBER);
        String memberToken = fixtures.token(team.workspace(), member);
        mvc.perform(get("/api/v1/connections/{c}/settings", connectionId).header("Authorization", "Bearer " + memberToken))
                .andExpect(status().isOk());
        mvc.perform(put("/api/v1/connections/{c}/settings", connectionId).header("Authorization", "Bearer " + memberToken)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"posting_mode\":\"public\"}"))
                .andExpect(status().isForbidden());

        Fixtures.Team other = fixtures.team("binding-other");
        String otherToken = fixtures.token(other.workspace(), other.owner());
        mvc.perform(get("/api/v1/connections/{c}/settings", connectionId).header("Authorization", "Bearer " + otherToken))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/connections/{c}/settings", connectionId).header("Authorization", "Bearer " + otherToken)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"posting_mode\":\"public\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/w/{w}/connections/{c}/settings", other.workspace().id(), connectionId)
                        .with(user(fixtures.signedIn(other.owner()))))
                .andExpect(status().isNotFound());
    }

    @Test
    void thePageSaysWhatAutomaticMeansForAConnectionWithoutADeskZone() throws Exception {
        // A connection made before desks' zones were read has none.
        jdbc.sql("update connection set account_zone = null where id = :id").param("id", connectionId).update();

        mvc.perform(get("/w/{w}/connections/{c}/settings", team.workspace().id(), connectionId)
                        .with(user(fixtures.signedIn(team.owner()))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("own Zendesk time zone, else UTC: no time zone is known for "
                        + "this Zendesk account (reconnecting reads it again)")));
    }

    @Test
    void thePageShowsAndSavesTheSettings() throws Exception {
        var owner = user(fixtures.signedIn(team.owner()));
        mvc.perform(get("/w/{w}/settings/integrations", team.workspace().id()).with(owner))
                .andExpect(content().string(containsString("/connections/" + connectionId + "/settings")));
        mvc.perform(get("/w/{w}/connections/{c}/settings", team.workspace().id(), connectionId).with(owner))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"binding-settings\"")))
                .andExpect(content().string(containsString("Thanks for reporting this")));

        mvc.perform(post("/w/{w}/connections/{c}/settings", team.workspace().id(), connectionId).with(owner).with(csrf())
                        .param("posting_mode", "public").param("auto_analyze", "critical").param("time_buffer_hours", "4")
                        .param("public_reply_template", "Hi {{requesterName}}").param("scope_filter", "")
                        .param("severity_field", "").param("service_field", "").param("analysis_url_field", ""))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/v1/connections/{c}/settings", connectionId).header("Authorization", "Bearer " + ownerToken))
                .andExpect(jsonPath("$.posting_mode").value("public"))
                .andExpect(jsonPath("$.auto_analyze").value("critical"))
                .andExpect(jsonPath("$.classification_notes").value(false))
                .andExpect(jsonPath("$.time_zone").doesNotExist());

        mvc.perform(post("/w/{w}/connections/{c}/settings", team.workspace().id(), connectionId).with(owner).with(csrf())
                        .param("posting_mode", "public").param("auto_analyze", "critical").param("time_buffer_hours", "4")
                        .param("public_reply_template", "Hi {{name}}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("unknown variable {{name}} at character 4")));

        mvc.perform(post("/w/{w}/connections/{c}/settings", team.workspace().id(), connectionId).with(owner).with(csrf())
                        .param("posting_mode", "public").param("auto_analyze", "critical").param("time_buffer_hours", "4")
                        .param("public_reply_template", "Hi").param("time_zone", "<b>Nowhere</b>"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("time_zone must be a time zone")))
                .andExpect(content().string(containsString("value=\"&lt;b&gt;Nowhere&lt;/b&gt;\"")))
                .andExpect(content().string(not(containsString("<b>Nowhere"))));
        mvc.perform(post("/w/{w}/connections/{c}/settings", team.workspace().id(), connectionId).with(owner).with(csrf())
                        .param("posting_mode", "public").param("auto_analyze", "critical").param("time_buffer_hours", "4")
                        .param("public_reply_template", "Hi").param("time_zone", "America/New_York"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/w/{w}/connections/{c}/settings", team.workspace().id(), connectionId).with(owner))
                .andExpect(content().string(containsString("value=\"America/New_York\"")))
                .andExpect(content().string(containsString("own Zendesk time zone, else Etc/UTC, read from Zendesk when it was connected")))
                .andExpect(content().string(containsString("<option value=\"Asia/Tokyo\">")));

        Account viewer = fixtures.member(team.workspace(), "binding-viewer", Role.VIEWER);
        mvc.perform(post("/w/{w}/connections/{c}/settings", team.workspace().id(), connectionId)
                        .with(user(fixtures.signedIn(viewer))).with(csrf())
                        .param("posting_mode", "both").param("auto_analyze", "high").param("time_buffer_hours", "2")
                        .param("public_reply_template", "Hi"))
                .andExpect(status().isForbidden());
    }
}
