package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.workspace.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

class AuditLogBrowserIT extends BrowserTest {

    private static final int ACTION = 2;
    private static final int TARGET = 3;
    private static final int DETAILS = 4;

    @Autowired
    AuditLog audit;

    @Test
    void showsWhatWasDoneAndFiltersByAction() {
        var team = fixtures.team("audit");
        var member = fixtures.member(team.workspace(), "audited", Role.MEMBER);
        signInAs(team.owner());
        browser.follow("Members");
        var row = browser.row(member.email());
        browser.choose("Role of " + member.email(), "viewer", row).press("Change role", row);
        browser.follow("API tokens").fillIn("Name", "audited token").press("Create token");

        browser.follow("Audit log");
        assertThat(column(ACTION)).containsExactly("token.created", "member.role_changed", "user.signed_in");
        assertThat(browser.cells(browser.row("token.created"))).contains(team.owner().email(), "audited token");

        browser.choose("Action", "member.role_changed").press("Filter");

        assertThat(browser.path()).contains("action=member.role_changed");
        assertThat(browser.find(By.id("event-count")).getText()).isEqualTo("1 event");
        assertThat(browser.rows("audit-events")).singleElement().satisfies(event -> assertThat(event)
                .containsSubsequence(team.owner().email(), "member.role_changed", member.email(), "member -> viewer"));
        assertThat(new Select(browser.find(By.id("action"))).getFirstSelectedOption().getText())
                .isEqualTo("member.role_changed");
    }

    @Test
    void pagesThroughMoreThanFiftyEventsNewestFirstKeepingTheFilter() {
        var team = fixtures.team("paging");
        for (int i = 1; i <= 60; i++) {
            audit.record(team.workspace().id(), "robot@example.com", "test.bulk", "thing " + i, "event " + i);
        }
        signInAs(team.owner()).follow("Audit log");

        assertThat(browser.text()).contains("61 events", "Page 1 of 2");
        assertThat(column(ACTION)).hasSize(50).startsWith("user.signed_in");
        assertThat(column(DETAILS).get(1)).isEqualTo("event 60");
        assertThat(browser.shows(By.linkText("Newer"))).isFalse();

        browser.follow("Older");
        assertThat(browser.text()).contains("Page 2 of 2");
        assertThat(column(DETAILS)).hasSize(11).endsWith("event 1");
        assertThat(browser.shows(By.linkText("Older"))).isFalse();
        browser.follow("Newer");
        assertThat(browser.text()).contains("Page 1 of 2");

        browser.choose("Action", "test.bulk").press("Filter");
        assertThat(browser.text()).contains("60 events", "Page 1 of 2");
        browser.follow("Older");
        assertThat(browser.path()).contains("action=test.bulk");
        assertThat(column(TARGET)).hasSize(10).containsExactly(
                "thing 10", "thing 9", "thing 8", "thing 7", "thing 6", "thing 5", "thing 4", "thing 3", "thing 2", "thing 1");
    }

    private List<String> column(int index) {
        return browser.rows("audit-events").stream().map(cells -> cells.get(index)).toList();
    }
}
