package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.Test;

class CsrfBrowserIT extends BrowserTest {

    @Test
    void aFormSentWithoutItsCsrfTokenIsRefused() {
        var team = fixtures.team("csrf");
        signInAs(team.owner()).follow("API tokens");
        browser.fillIn("Name", "forged token");

        removeCsrfField("create-token");
        browser.press("Create token");

        assertThat(browser.heading()).isEqualTo("403 Forbidden");
        assertThat(browser.text()).contains("The request was refused. If you submitted a form, reload the page and try again.");
        assertThat(browser.title()).isEqualTo("Forbidden · Deskloop");
        assertThat(browser.script("return getComputedStyle(document.querySelector('main')).maxWidth"))
                .as("laid out by deskloop.css like every other error page").isEqualTo("420px");
        browser.open(page(team.workspace(), "tokens"));
        assertThat(browser.showsRow("forged token")).isFalse();
    }

    @Test
    void theSignInFormWithoutItsCsrfTokenIsRefused() {
        var team = fixtures.team("csrf-login");
        browser.open("/login");
        browser.fillIn("E-mail", team.owner().email()).fillIn("Password", Fixtures.PASSWORD);

        removeCsrfField("login-form");
        browser.press("Sign in");

        assertThat(browser.heading()).isEqualTo("403 Forbidden");
        browser.open(page(team.workspace()));
        assertThat(browser.path()).isEqualTo("/login");
    }

    private void removeCsrfField(String formId) {
        Object removed = browser.script("""
                const field = document.querySelector('#' + arguments[0] + ' input[name="_csrf"]');
                if (field) { field.remove(); }
                return field !== null;""", formId);
        assertThat(removed).as("the form %s had a _csrf field to remove", formId).isEqualTo(true);
    }
}
