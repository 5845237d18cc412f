package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import dev.deskloop.workspace.Account;
import dev.deskloop.workspace.Accounts;
import dev.deskloop.workspace.Memberships;
import dev.deskloop.workspace.Role;
import dev.deskloop.workspace.SetupLinks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SetupLinkBrowserIT extends BrowserTest {

    private static final String NEW_PASSWORD = "a long enough secret";

    @Autowired
    Accounts accounts;

    @Autowired
    SetupLinks setupLinks;

    @Autowired
    Memberships memberships;

    @Test
    void theFirstRunOwnerChoosesAPasswordThroughTheSetupLinkAndSignsIn() {
        Account owner = accounts.byEmail("owner@localhost").orElseThrow();

        browser.openLink(setupLinks.issue(owner.id()));
        assertThat(browser.heading()).isEqualTo("Choose a password");
        assertThat(browser.text()).contains("For owner@localhost. At least 12 characters.");
        choosePassword(NEW_PASSWORD, NEW_PASSWORD);

        assertThat(browser.path()).isEqualTo("/login?password-set");
        assertThat(browser.flash()).isEqualTo("Your password is set. Sign in with it now.");
        browser.signIn("owner@localhost", NEW_PASSWORD);
        assertThat(browser.heading()).isEqualTo("My workspace");
        assertThat(browser.text()).contains("You are owner of this workspace.");
    }

    @Test
    void aSetupLinkWorksOnlyOnce() {
        Account invitee = passwordlessAccount();
        String link = setupLinks.issue(invitee.id());
        browser.openLink(link);
        choosePassword(NEW_PASSWORD, NEW_PASSWORD);

        browser.openLink(link);

        assertLinkRefused();
    }

    @Test
    void differentPasswordsAreRefusedAndTheLinkKeepsWorking() {
        Account invitee = passwordlessAccount();
        String link = setupLinks.issue(invitee.id());

        browser.openLink(link);
        choosePassword(NEW_PASSWORD, NEW_PASSWORD + " but different");
        assertThat(browser.heading()).isEqualTo("Choose a password");
        assertThat(browser.errors()).containsExactly("confirmation does not match the password");

        choosePassword(NEW_PASSWORD, NEW_PASSWORD);
        assertThat(browser.flash()).isEqualTo("Your password is set. Sign in with it now.");
        browser.signIn(invitee.email(), NEW_PASSWORD);
        assertThat(browser.text()).contains("You are member of this workspace.");
    }

    @Test
    void aNewerLinkReplacesTheOlderOne() {
        Account invitee = passwordlessAccount();
        String older = setupLinks.issue(invitee.id());
        setupLinks.issue(invitee.id());

        browser.openLink(older);

        assertLinkRefused();
    }

    @Test
    void aLinkStopsWorkingAfterADay() {
        Account invitee = passwordlessAccount();
        String link = setupLinks.issue(invitee.id());

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        browser.openLink(link);

        assertLinkRefused();
    }

    private void choosePassword(String password, String confirmation) {
        browser.fillIn("Password", password).fillIn("Password again", confirmation).press("Set password");
    }

    private void assertLinkRefused() {
        assertThat(browser.heading()).isEqualTo("404 This setup link does not work");
        assertThat(browser.text()).contains("It was already used, it has expired, or it was replaced by a newer link.")
                .doesNotContain("Set password");
    }

    /** Someone an owner added who has not chosen a password yet. */
    private Account passwordlessAccount() {
        var team = fixtures.team("setup");
        var added = memberships.add(fixtures.caller(team.workspace(), team.owner()),
                "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", Role.MEMBER);
        return accounts.byId(added.member().userId()).orElseThrow();
    }
}
