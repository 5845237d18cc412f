package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class ZzProbeBrowserIT extends BrowserTest {

    @Test
    void deliberatelyFails() {
        var team = fixtures.team("probe");
        signInAs(team.owner()).follow("Members");
        assertThat(browser.heading()).isEqualTo("Not the members page");
    }

    @Test
    void pressingAButtonThatCannotSubmitSaysWhy() {
        var team = fixtures.team("probe");
        signInAs(team.owner()).follow("Members");
        browser.press("Add");
    }

    @Test
    void reloadAfterCreatingAToken() {
        var team = fixtures.team("probe");
        signInAs(team.owner()).follow("API tokens");
        browser.fillIn("Name", "reload me").press("Create token");
        String first = browser.find(By.id("new-token")).getText();
        browser.driver().navigate().refresh();
        System.err.println("PROBE after refresh: url=" + browser.url() + " rows=" + browser.rows(((org.openqa.selenium.WebElement) browser.driver().findElement(By.tagName("table"))).getAttribute("id") == null ? "x" : "x"));
        System.err.println("PROBE text=" + browser.text().replace('\n', '|'));
        System.err.println("PROBE secret changed=" + (browser.shows(By.id("new-token")) ? !browser.find(By.id("new-token")).getText().equals(first) : "no secret"));
    }

    @Test
    void lastOwnerRemovesThemselves() {
        var team = fixtures.team("probe");
        signInAs(team.owner()).follow("Members");
        browser.press("Remove", browser.row(team.owner().email()));
        System.err.println("PROBE remove self: url=" + browser.url() + " text=" + browser.text().replace('\n', '|'));
    }

    @Test
    void afterSignInFromADeepLink() {
        var team = fixtures.team("probe");
        browser.open(page(team.workspace(), "members"));
        browser.fillIn("E-mail", team.owner().email()).fillIn("Password", dev.deskloop.workspace.Fixtures.PASSWORD).press("Sign in");
        System.err.println("PROBE deep link lands on " + browser.path());
    }

    @Test
    void screenshotsForReview() {
        var team = fixtures.team("Acme Support");
        fixtures.member(team.workspace(), "dana", dev.deskloop.workspace.Role.ADMIN);
        fixtures.member(team.workspace(), "eli", dev.deskloop.workspace.Role.VIEWER);
        signInAs(team.owner()).follow("Members");
        browser.fillIn("E-mail", "newcomer@example.com").choose("Role", "member").press("Add");
        browser.screenshot(BrowserExtension.SCREENSHOTS.resolve("review-members.png"));
        browser.follow("API tokens").fillIn("Name", "CI deploy hook").press("Create token");
        browser.screenshot(BrowserExtension.SCREENSHOTS.resolve("review-tokens.png"));
        browser.follow("Audit log");
        browser.screenshot(BrowserExtension.SCREENSHOTS.resolve("review-audit.png"));
        browser.open(page(team.workspace()));
        browser.screenshot(BrowserExtension.SCREENSHOTS.resolve("review-overview.png"));
        browser.signOut();
        browser.screenshot(BrowserExtension.SCREENSHOTS.resolve("review-login.png"));
        signInAs(team.owner()).follow("API tokens");
        browser.script("document.querySelector('#create-token input[name=_csrf]').remove()");
        browser.fillIn("Name", "x").press("Create token");
        browser.screenshot(BrowserExtension.SCREENSHOTS.resolve("review-403.png"));
        browser.open("/w/00000000-0000-0000-0000-000000000000/members");
        browser.screenshot(BrowserExtension.SCREENSHOTS.resolve("review-404.png"));
    }
}
