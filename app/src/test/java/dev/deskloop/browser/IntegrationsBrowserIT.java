package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.deskloop.TestSimulator;
import dev.deskloop.simulator.Simulator;
import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Settings → Integrations, connecting through the simulated providers' consent screens in the browser. */
class IntegrationsBrowserIT extends BrowserTest {

    private static final Simulator SIMULATOR = TestSimulator.shared();

    @Autowired
    JdbcClient jdbc;

    @Test
    void connectsZendeskThroughItsConsentScreenAndDisconnectsIt() {
        var team = fixtures.team("zendesk");
        String subdomain = newSubdomain();
        signInAs(team.owner()).follow("Integrations");

        browser.fillIn("Zendesk subdomain", subdomain).press("Connect Zendesk");
        assertThat(browser.url()).startsWith(SIMULATOR.baseUrl() + "/zendesk/" + subdomain + "/");
        browser.press("Allow");

        assertThat(browser.path()).isEqualTo(integrations(team));
        assertThat(browser.find(By.id("connection-status")).getText()).isEqualTo("connected");
        assertThat(browser.flash()).contains("is connected");
        assertThat(browser.text()).contains(subdomain + ".zendesk.com", "Receiving tickets.");
        assertThat(SIMULATOR.zendesk().webhooks(subdomain)).hasSize(1);

        browser.press("Disconnect");

        assertThat(browser.path()).isEqualTo(integrations(team));
        assertThat(browser.flash()).isEqualTo("Disconnected. Tickets, triage, bugs and the audit log are kept.");
        assertThat(browser.shows(By.id("connection-status"))).isFalse();
        assertThat(browser.text()).contains("Earlier connections");
        assertThat(browser.rows("history")).singleElement().satisfies(connection -> assertThat(connection)
                .containsSubsequence("Zendesk", subdomain + ".zendesk.com", "disconnected"));
        assertThat(browser.showsButton("Connect Zendesk")).as("a desk can be connected again").isTrue();
        assertThat(SIMULATOR.zendesk().webhooks(subdomain)).isEmpty();
    }

    @Test
    void denyingOnTheConsentScreenConnectsNothingAndSaysSo() {
        var team = fixtures.team("zendesk-denied");
        String subdomain = newSubdomain();
        signInAs(team.owner()).follow("Integrations");

        browser.fillIn("Zendesk subdomain", subdomain).press("Connect Zendesk");
        browser.press("Deny");

        assertThat(browser.path()).isEqualTo(integrations(team));
        assertThat(browser.errors()).containsExactly("Zendesk access was denied on the consent screen. Nothing was connected.");
        assertThat(browser.shows(By.id("connection-status"))).isFalse();
        assertThat(browser.shows(By.id("history"))).isFalse();
        assertThat(browser.showsButton("Connect Zendesk")).isTrue();
        assertThat(SIMULATOR.zendesk().webhooks(subdomain)).isEmpty();
    }

    @Test
    void connectsIntercomThroughItsConsentScreen() {
        // The simulator has one Intercom workspace for every test: earlier connections to it must not block this one.
        jdbc.sql("update connection set status = 'disconnected' where provider = 'intercom'").update();
        SIMULATOR.intercom().faults().clear();
        var team = fixtures.team("intercom");
        signInAs(team.owner()).follow("Integrations");

        browser.press("Connect Intercom");
        assertThat(browser.url()).startsWith(SIMULATOR.baseUrl() + "/intercom/app/oauth");
        browser.press("Connect");

        assertThat(browser.path()).isEqualTo(integrations(team));
        assertThat(browser.find(By.id("connection-status")).getText()).isEqualTo("connected");
        assertThat(browser.flash()).contains("Intercom", "is connected");
        assertThat(SIMULATOR.intercom().installed()).isTrue();
    }

    private static String integrations(Fixtures.Team team) {
        return page(team.workspace(), "settings", "integrations");
    }

    private static String newSubdomain() {
        return "browser-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
