package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class SignInBrowserIT extends BrowserTest {

    @Test
    void showsTheSignInForm() {
        browser.open("/login");

        assertThat(browser.title()).isEqualTo("Sign in · Deskloop");
        assertThat(browser.heading()).isEqualTo("Sign in to Deskloop");
        assertThat(browser.text()).contains("E-mail", "Password");
        assertThat(browser.showsButton("Sign in")).isTrue();
    }

    @Test
    void aWrongPasswordKeepsThePersonOnTheSignInPageWithAMessage() {
        var team = fixtures.team("wrong-password");

        browser.signIn(team.owner().email(), "not the password at all");

        assertThat(browser.path()).isEqualTo("/login?error");
        assertThat(browser.flash()).isEqualTo("Wrong e-mail or password.");
        assertThat(browser.text()).doesNotContain(team.workspace().name());
    }

    @Test
    void theRightPasswordLandsOnTheWorkspaceOverview() {
        var team = fixtures.team("sign-in");

        signInAs(team.owner());

        assertThat(browser.path()).isEqualTo(page(team.workspace()));
        assertThat(browser.heading()).isEqualTo(team.workspace().name());
        assertThat(browser.text()).contains("You are owner of this workspace.", team.owner().email());
    }

    @Test
    void pagesSendASignedOutVisitorToTheSignInPage() {
        var team = fixtures.team("deep-link");

        browser.open(page(team.workspace(), "members"));

        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.heading()).isEqualTo("Sign in to Deskloop");
        assertThat(browser.text()).doesNotContain(team.owner().email());
    }

    @Test
    void aPageAskedForWhileSignedOutOpensAfterSigningIn() {
        var team = fixtures.team("deep-link-back");
        browser.open(page(team.workspace(), "audit"));
        assertThat(browser.path()).isEqualTo("/login");

        signInAs(team.owner());

        assertThat(URI.create(browser.url()).getPath()).isEqualTo(page(team.workspace(), "audit"));
        assertThat(browser.heading()).isEqualTo("Audit log");
    }

    @Test
    void signingOutReturnsToTheSignInPageAndEndsTheSession() {
        var team = fixtures.team("sign-out");
        signInAs(team.owner());

        browser.signOut();

        assertThat(browser.path()).isEqualTo("/login?signed-out");
        assertThat(browser.flash()).isEqualTo("You are signed out.");
        browser.open(page(team.workspace()));
        assertThat(browser.path()).isEqualTo("/login");
    }
}
