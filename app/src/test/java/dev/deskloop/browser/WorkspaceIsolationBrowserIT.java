package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.workspace.Member;
import dev.deskloop.workspace.Memberships;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

class WorkspaceIsolationBrowserIT extends BrowserTest {

    @Autowired
    Memberships memberships;

    @ParameterizedTest
    @ValueSource(strings = {"", "members", "tokens", "audit"})
    void anotherWorkspacesPagesAreNotFound(String section) {
        var mine = fixtures.team("mine");
        var theirs = fixtures.team("theirs");
        signInAs(mine.owner());

        browser.open(section.isEmpty() ? page(theirs.workspace()) : page(theirs.workspace(), section));

        assertThat(browser.heading()).isEqualTo("404 Not found");
        assertThat(browser.text()).doesNotContain(theirs.workspace().name(), theirs.owner().email());
    }

    @Test
    void aFormPointedAtAnotherWorkspaceChangesNothingThere() {
        var mine = fixtures.team("mine");
        var theirs = fixtures.team("theirs");
        signInAs(mine.owner()).follow("Members");

        browser.script("document.getElementById('add-member').action = arguments[0]", page(theirs.workspace(), "members"));
        browser.fillIn("E-mail", "intruder@example.com").choose("Role", "owner").press("Add");

        assertThat(browser.heading()).isEqualTo("404 Not found");
        var theirOwner = fixtures.caller(theirs.workspace(), theirs.owner());
        assertThat(memberships.members(theirOwner)).extracting(Member::email).containsExactly(theirs.owner().email());
    }
}
