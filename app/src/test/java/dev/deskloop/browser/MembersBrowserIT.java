package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.deskloop.workspace.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class MembersBrowserIT extends BrowserTest {

    @Test
    void theOwnerAddsAnAdminByEmailAndSeesTheInvitationLinkOnce() {
        var team = fixtures.team("add-member");
        String email = newAddress("new-admin");
        signInAs(team.owner()).follow("Members");

        addMember(email, "admin");

        assertThat(browser.flash()).contains(email + " was added as admin.",
                "They have no password yet. Send them this one-time link (shown only now):");
        assertThat(invitationLink()).contains("/setup/");
        assertThat(roleOf(email)).isEqualTo("admin");

        browser.follow("Members");
        assertThat(browser.shows(By.id("added"))).isFalse();
        assertThat(browser.text()).doesNotContain("/setup/");
        assertThat(roleOf(email)).isEqualTo("admin");
    }

    @Test
    void anInvitedPersonChoosesAPasswordThroughTheLinkAndSignsInWithTheirRole() {
        var team = fixtures.team("invitee");
        String email = newAddress("invitee");
        signInAs(team.owner()).follow("Members");
        addMember(email, "viewer");
        String link = invitationLink();
        browser.signOut();

        browser.openLink(link);
        assertThat(browser.text()).contains("For " + email + ".");
        browser.fillIn("Password", "invited and ready").fillIn("Password again", "invited and ready")
                .press("Set password");
        browser.signIn(email, "invited and ready");

        assertThat(browser.heading()).isEqualTo(team.workspace().name());
        assertThat(browser.text()).contains("You are viewer of this workspace.");
    }

    @Test
    void addingSomeoneWhoIsAlreadyAMemberIsRefused() {
        var team = fixtures.team("twice");
        var member = fixtures.member(team.workspace(), "already", Role.MEMBER);
        signInAs(team.owner()).follow("Members");

        addMember(member.email(), "admin");

        assertThat(browser.errors()).containsExactly(member.email() + " is already a member of this workspace.");
        assertThat(roleOf(member.email())).isEqualTo("member");
    }

    @Test
    void theOwnerChangesAMembersRole() {
        var team = fixtures.team("change-role");
        var member = fixtures.member(team.workspace(), "developer", Role.MEMBER);
        signInAs(team.owner()).follow("Members");

        changeRole(member.email(), "viewer");

        assertThat(browser.flash()).isEqualTo(member.email() + " is now viewer.");
        assertThat(roleOf(member.email())).isEqualTo("viewer");
        browser.follow("Members");
        assertThat(roleOf(member.email())).isEqualTo("viewer");
    }

    @Test
    void theOwnerRemovesAMemberWhoThenHasNoWorkspace() {
        var team = fixtures.team("remove");
        var member = fixtures.member(team.workspace(), "leaver", Role.MEMBER);
        signInAs(team.owner()).follow("Members");

        browser.press("Remove", browser.row(member.email()));

        assertThat(browser.flash()).isEqualTo(member.email() + " was removed.");
        assertThat(browser.showsRow(member.email())).isFalse();
        browser.signOut();
        signInAs(member);
        assertThat(browser.heading()).isEqualTo("You are not a member of any workspace");
        assertThat(browser.text()).doesNotContain(team.workspace().name());
    }

    @Test
    void aViewerSeesTheMembersButNoAdminControls() {
        var team = fixtures.team("viewer");
        var viewer = fixtures.member(team.workspace(), "viewer", Role.VIEWER);
        signInAs(viewer).follow("Members");

        assertThat(browser.heading()).isEqualTo("Members");
        assertThat(roleOf(team.owner().email())).isEqualTo("owner");
        assertThat(roleOf(viewer.email())).isEqualTo("viewer");
        assertThat(browser.showsButton("Change role")).isFalse();
        assertThat(browser.showsButton("Remove")).isFalse();
        assertThat(browser.showsButton("Add")).isFalse();
        assertThat(browser.shows(By.tagName("select"))).isFalse();
        assertThat(browser.text()).doesNotContain("Add a member", "Actions");
    }

    @Test
    void anAdminMayNotMakeAnyoneOwner() {
        var team = fixtures.team("admin-grants");
        var admin = fixtures.member(team.workspace(), "admin", Role.ADMIN);
        var member = fixtures.member(team.workspace(), "hopeful", Role.MEMBER);
        signInAs(admin).follow("Members");

        changeRole(member.email(), "owner");

        assertThat(browser.errors()).containsExactly("Only an owner may grant or take away the owner role.");
        assertThat(roleOf(member.email())).isEqualTo("member");
    }

    @Test
    void theLastOwnerCannotStepDown() {
        var team = fixtures.team("last-owner");
        signInAs(team.owner()).follow("Members");

        changeRole(team.owner().email(), "admin");

        assertThat(browser.errors())
                .containsExactly("A workspace needs at least one owner; make someone else owner first.");
        assertThat(roleOf(team.owner().email())).isEqualTo("owner");
    }

    @Test
    void theLastOwnerWhoPressesRemoveOnTheirOwnRowIsToldWhyOnTheMembersPage() {
        var team = fixtures.team("last-owner-leaves");
        signInAs(team.owner()).follow("Members");

        browser.press("Remove", browser.row(team.owner().email()));

        assertThat(browser.heading()).isEqualTo("Members");
        assertThat(browser.errors())
                .containsExactly("A workspace needs at least one owner; make someone else owner first.");
        assertThat(roleOf(team.owner().email())).isEqualTo("owner");
    }

    @Test
    void reloadingAfterAddingAMemberSendsNothingAgainAndHidesTheInvitationLink() {
        var team = fixtures.team("reload-add");
        String email = newAddress("reloaded");
        signInAs(team.owner()).follow("Members");
        addMember(email, "member");
        String link = invitationLink();

        browser.reload();

        assertThat(browser.path()).isEqualTo(page(team.workspace(), "members"));
        assertThat(browser.flash()).isEmpty();
        assertThat(browser.text()).doesNotContain(link);
        assertThat(roleOf(email)).isEqualTo("member");
    }

    private void addMember(String email, String role) {
        browser.fillIn("E-mail", email).choose("Role", role).press("Add");
    }

    private void changeRole(String email, String role) {
        // Under load the row can be replaced while the page settles: find it again rather than fail on a stale node.
        for (int attempt = 1; ; attempt++) {
            try {
                var row = browser.row(email);
                browser.choose("Role of " + email, role, row);
                break;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.JavascriptException e) {
                if (attempt == 3) {
                    throw e;
                }
            } catch (org.openqa.selenium.WebDriverException e) {
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    throw e;
                }
            }
        }
        browser.press("Change role", browser.row(email));
    }

    private String roleOf(String email) {
        return browser.row(email).findElement(By.className("role-cell")).getText();
    }

    private String invitationLink() {
        return browser.find(By.cssSelector("#added code.secret")).getText();
    }

    private static String newAddress(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
