package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** Settings → Integrations → Write-back settings of one connection, and its trace in the audit log. */
class BindingBrowserIT extends HelpdeskBrowserTest {

    private static final String VALID = "Hi {{requesterName}}, we are looking into #{{ticketId}} ({{severity}}).";

    @Test
    void aTemplateWithAnUnknownVariableIsRefusedNamingThePositionAndAValidOneIsSavedAndAudited() {
        var team = fixtures.team("binding");
        String subdomain = connectZendesk(team);

        browser.follow("Write-back settings");

        assertThat(browser.path()).isEqualTo(page(team.workspace(), "connections", connectionId(team).toString(), "settings"));
        assertThat(browser.heading()).isEqualTo("Settings → Integrations → Zendesk " + subdomain + ".zendesk.com");
        assertThat(selected("posting_mode")).isEqualTo("internal");

        browser.choose("Result posting mode", "both")
                .fillIn("Public reply template", "Hello {{customerName}}, we are on it.")
                .press("Save");

        assertThat(browser.errors()).singleElement().asString()
                .contains("unknown variable {{customerName}} at character 7");
        assertThat(selected("posting_mode")).as("the form keeps what was entered").isEqualTo("both");
        assertThat(browser.find(By.id("public_reply_template")).getDomProperty("value"))
                .isEqualTo("Hello {{customerName}}, we are on it.");

        browser.fillIn("Public reply template", VALID).press("Save");

        assertThat(browser.path()).isEqualTo(page(team.workspace(), "connections", connectionId(team).toString(), "settings"));
        assertThat(browser.errors()).isEmpty();
        assertThat(browser.flash()).isEqualTo("Saved.");
        assertThat(selected("posting_mode")).isEqualTo("both");
        assertThat(browser.find(By.id("public_reply_template")).getDomProperty("value")).isEqualTo(VALID);

        browser.reload();
        assertThat(selected("posting_mode")).as("saved, not only shown").isEqualTo("both");

        browser.follow("Audit log");
        List<List<String>> changes = browser.rows("audit-events").stream()
                .filter(event -> event.get(2).equals("binding.changed")).toList();
        assertThat(changes).singleElement().satisfies(event -> assertThat(event).containsSubsequence(
                team.owner().email(), "binding.changed", "Zendesk " + subdomain + ".zendesk.com"));
        assertThat(changes.getFirst().get(4)).contains("posting_mode: internal → both", "public_reply_template:", VALID)
                .doesNotContain("customerName");
    }

    private String selected(String id) {
        return new Select(browser.find(By.id(id))).getFirstSelectedOption().getText();
    }
}
