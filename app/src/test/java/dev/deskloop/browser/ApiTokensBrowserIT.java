package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class ApiTokensBrowserIT extends BrowserTest {

    @Test
    void aNewTokenIsShownOnceAndThenListedByItsPrefix() {
        var team = fixtures.team("tokens");
        signInAs(team.owner()).follow("API tokens");

        createToken("CI deploy hook");

        String secret = browser.find(By.id("new-token")).getText();
        assertThat(secret).startsWith("dlp_");
        assertThat(browser.flash()).contains("Token CI deploy hook created. Copy it now; it is not shown again:");
        List<String> listed = browser.cells(browser.row("CI deploy hook"));
        String prefix = listed.get(1);
        assertThat(prefix).endsWith("…");
        assertThat(secret).startsWith(prefix.substring(0, prefix.length() - 1)).hasSizeGreaterThan(prefix.length() + 10);
        assertThat(listed).contains(team.owner().email(), "never", "active");

        browser.open(page(team.workspace(), "tokens"));
        assertThat(browser.shows(By.id("new-token"))).isFalse();
        assertThat(browser.text()).doesNotContain(secret);
        assertThat(browser.cells(browser.row("CI deploy hook"))).contains(prefix, "active");
    }

    @Test
    void aRevokedTokenStaysListedAsRevoked() {
        var team = fixtures.team("revoke");
        signInAs(team.owner()).follow("API tokens");
        createToken("old laptop");
        createToken("build server");

        browser.press("Revoke", browser.row("old laptop"));

        assertThat(browser.path()).isEqualTo(page(team.workspace(), "tokens"));
        assertThat(browser.cells(browser.row("old laptop"))).contains("revoked").doesNotContain("active");
        assertThat(browser.row("old laptop").findElements(By.tagName("button"))).isEmpty();
        assertThat(browser.cells(browser.row("build server"))).contains("active");
    }

    @Test
    void reloadingAfterCreatingATokenCreatesNoSecondOneAndShowsTheSecretNoMore() {
        var team = fixtures.team("reload-token");
        signInAs(team.owner()).follow("API tokens");
        createToken("reloaded");
        String secret = browser.find(By.id("new-token")).getText();

        browser.reload();

        assertThat(browser.path()).isEqualTo(page(team.workspace(), "tokens"));
        assertThat(browser.rows("tokens")).singleElement().satisfies(token -> assertThat(token).contains("reloaded"));
        assertThat(browser.shows(By.id("new-token"))).isFalse();
        assertThat(browser.text()).doesNotContain(secret);
    }

    private void createToken(String name) {
        browser.fillIn("Name", name).press("Create token");
    }
}
