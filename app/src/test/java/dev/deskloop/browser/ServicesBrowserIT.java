package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.deskloop.tickets.ServiceCatalogs;
import dev.deskloop.workspace.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** Settings → Services: an admin pastes a catalog, a mistake is shown without losing the text, a viewer only reads. */
class ServicesBrowserIT extends BrowserTest {

    @Autowired
    ServiceCatalogs catalogs;

    @Test
    void anOwnerFixesAMistakeAndSavesACatalogThatIsThenListed() {
        var team = fixtures.team("services-browser");
        signInAs(team.owner()).follow("Services");
        assertThat(browser.heading()).isEqualTo("Services");
        assertThat(browser.text()).contains("No services yet.");

        String mistaken = "services:\n- name: billing-api\n  keywords: invoice\n";
        browser.fillIn("Catalog (YAML)", mistaken).press("Save");

        assertThat(browser.errors()).containsExactly("services[0].keywords expected a list of strings");
        assertThat(browser.find(By.id("yaml")).getDomProperty("value")).as("nothing typed is lost").isEqualTo(mistaken);

        browser.fillIn("Catalog (YAML)", """
                services:
                - name: billing-api
                  description: Invoices and payments
                  keywords: [invoice, refund]
                - name: auth
                """).press("Save");

        assertThat(browser.path()).isEqualTo(page(team.workspace(), "settings", "services"));
        assertThat(browser.flash()).isEqualTo("Saved: 2 services. Tickets triaged from now on use this catalog.");
        assertThat(browser.rows("services")).containsExactly(
                List.of("billing-api", "Invoices and payments", "invoice, refund"),
                List.of("auth", "", ""));
        assertThat(browser.text()).contains("Last changed by " + team.owner().email());
    }

    @Test
    void aViewerReadsTheCatalogWithoutAnEditor() {
        var team = fixtures.team("services-viewer");
        catalogs.save(fixtures.caller(team.workspace(), team.owner()), "services: [{name: auth, keywords: [login]}]");
        var viewer = fixtures.member(team.workspace(), "reader", Role.VIEWER);

        signInAs(viewer).follow("Services");

        assertThat(browser.rows("services")).containsExactly(List.of("auth", "", "login"));
        assertThat(browser.text()).contains("Only owners and admins can change the catalog.");
        assertThat(browser.shows(By.id("yaml"))).isFalse();
        assertThat(browser.showsButton("Save")).isFalse();
    }
}
