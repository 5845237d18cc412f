package dev.deskloop.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import dev.deskloop.IntegrationTest;
import dev.deskloop.triage.CatalogService;
import dev.deskloop.workspace.Fixtures;
import dev.deskloop.workspace.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Settings → Services: who may change the catalog, what is refused, and that what is shown is escaped. */
class ServicesPagesIT extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ServiceCatalogs catalogs;

    Fixtures.Team team;

    @BeforeEach
    void setUp() {
        team = fixtures.team("services");
    }

    @Test
    void anOwnerSavesACatalogThatTriageThenReadsAndTheChangeIsAudited() throws Exception {
        mvc.perform(post("/w/{w}/settings/services", team.workspace().id()).with(owner()).with(csrf())
                        .param("yaml", "services:\r\n  - name: billing-api\r\n    keywords: [invoice]\r\n"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/w/" + team.workspace().id() + "/settings/services"));

        assertThat(catalogs.of(team.workspace().id()).services()).extracting(CatalogService::name)
                .containsExactly("billing-api");
        assertThat(catalogs.saved(team.workspace().id()).orElseThrow().updatedBy()).isEqualTo(team.owner().email());
        assertThat(audit()).contains("services.changed");

        mvc.perform(post("/w/{w}/settings/services", team.workspace().id()).with(owner()).with(csrf())
                        .param("yaml", "services: []"))
                .andExpect(status().is3xxRedirection());
        assertThat(catalogs.of(team.workspace().id()).services()).isEmpty();
    }

    @Test
    void anInvalidCatalogIsRefusedWith400NamingTheFieldAndKeepsWhatWasTyped() throws Exception {
        catalogs.save(fixtures.caller(team.workspace(), team.owner()), "services: [{name: auth}]");

        String page = mvc.perform(post("/w/{w}/settings/services", team.workspace().id()).with(owner()).with(csrf())
                        .param("yaml", "services:\n  - description: a service without a name\n"))
                .andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("services[0].name missing").contains("a service without a name");
        assertThat(catalogs.of(team.workspace().id()).services()).extracting(CatalogService::name)
                .as("the saved catalog is unchanged").containsExactly("auth");
    }

    @Test
    void namesAndDescriptionsAreEscapedOnThePage() throws Exception {
        catalogs.save(fixtures.caller(team.workspace(), team.owner()),
                "services: [{name: \"<script>alert(1)</script>\", description: \"<img src=x onerror=alert(2)>\"}]");

        String page = mvc.perform(get("/w/{w}/settings/services", team.workspace().id()).with(owner()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).doesNotContain("<script>alert(1)", "<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;");
    }

    @Test
    void theTicketFilterSuggestsTheCatalogsServices() throws Exception {
        catalogs.save(fixtures.caller(team.workspace(), team.owner()), "services: [{name: auth}, {name: \"a<b\"}]");

        String page = mvc.perform(get("/w/{w}/tickets", team.workspace().id()).with(owner()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("list=\"catalog-services\"").contains("<option value=\"auth\">")
                .contains("<option value=\"a&lt;b\">");
    }

    @Test
    void aMemberSeesTheCatalogButCannotChangeIt() throws Exception {
        catalogs.save(fixtures.caller(team.workspace(), team.owner()), "services: [{name: auth}]");
        var member = fixtures.member(team.workspace(), "dev", Role.MEMBER);
        var signedIn = user(fixtures.signedIn(member));

        String page = mvc.perform(get("/w/{w}/settings/services", team.workspace().id()).with(signedIn))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("auth").contains("Only owners and admins").doesNotContain("id=\"catalog\"");

        mvc.perform(post("/w/{w}/settings/services", team.workspace().id()).with(signedIn).with(csrf())
                        .param("yaml", "services: []"))
                .andExpect(status().isForbidden());
        assertThat(catalogs.of(team.workspace().id()).services()).hasSize(1);
    }

    @Test
    void anotherWorkspacesCatalogIsNotFound() throws Exception {
        var other = fixtures.team("services-other");

        mvc.perform(get("/w/{w}/settings/services", other.workspace().id()).with(owner()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/w/{w}/settings/services", other.workspace().id()).with(owner()).with(csrf())
                        .param("yaml", "services: []"))
                .andExpect(status().isNotFound());
    }

    private org.springframework.test.web.servlet.request.RequestPostProcessor owner() {
        return user(fixtures.signedIn(team.owner()));
    }

    private List<String> audit() {
        return jdbc.sql("select action from audit_event where workspace_id = :w").param("w", team.workspace().id())
                .query(String.class).list();
    }
}
