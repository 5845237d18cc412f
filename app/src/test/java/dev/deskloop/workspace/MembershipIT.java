package dev.deskloop.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.List;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

class MembershipIT extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Memberships memberships;

    @Autowired
    SetupLinks setupLinks;

    @Test
    void anAdminAddsANewPersonWhoGetsAOneTimeInvitation() throws Exception {
        var team = fixtures.team("invite");
        String email = "new-" + UUID.randomUUID() + "@example.com";

        var owner = user(fixtures.signedIn(team.owner()));
        var session = new MockHttpSession();
        String membersPage = "/w/" + team.workspace().id() + "/members";

        mvc.perform(post(membersPage).session(session).with(owner).with(csrf()).param("email", email).param("role", "admin"))
                .andExpect(redirectedUrl(membersPage));
        mvc.perform(get(membersPage).session(session).with(owner))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("/setup/")));
        mvc.perform(get(membersPage).session(session).with(owner))
                .andExpect(content().string(Matchers.not(Matchers.containsString("/setup/"))));

        assertThat(workspaces.members(team.workspace().id())).extracting(Member::email, Member::role)
                .contains(org.assertj.core.groups.Tuple.tuple(email, Role.ADMIN));
        assertThat(audit(team.workspace().id())).contains("member.added");
    }

    @Test
    void anotherWorkspaceGetsNoLinkForAPersonWhoseInvitationIsStillPending() {
        var first = fixtures.team("invite-first");
        var second = fixtures.team("invite-second");
        String email = "pending-" + UUID.randomUUID() + "@example.com";
        String link = memberships.add(fixtures.caller(first.workspace(), first.owner()), email, Role.ADMIN)
                .invitationLink().orElseThrow();

        // With a link, an admin of the second workspace could choose the password and act in the first one.
        var added = memberships.add(fixtures.caller(second.workspace(), second.owner()), email, Role.MEMBER);

        assertThat(added.invitationLink()).isEmpty();
        assertThat(added.member().role()).isEqualTo(Role.MEMBER);
        assertThat(setupLinks.accountFor(link.substring(link.lastIndexOf('/') + 1)))
                .as("the first workspace's invitation still works").isPresent();
        assertThat(audit(second.workspace().id())).contains("member.added");
    }

    @Test
    void aPendingInviteeAddedAgainByTheSameWorkspaceGetsAFreshLink() {
        var team = fixtures.team("invite-again");
        String email = "again-" + UUID.randomUUID() + "@example.com";
        Caller owner = fixtures.caller(team.workspace(), team.owner());
        var first = memberships.add(owner, email, Role.MEMBER);
        memberships.remove(owner, first.member().userId());

        assertThat(memberships.add(owner, email, Role.MEMBER).invitationLink()).isPresent();
    }

    @Test
    void changesRolesAndRemovesMembersThroughTheApiWithAuditEntries() throws Exception {
        var team = fixtures.team("roles");
        Account member = fixtures.member(team.workspace(), "m", Role.MEMBER);
        String token = fixtures.token(team.workspace(), team.owner());

        mvc.perform(patch("/api/v1/members/{u}", member.id()).header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"viewer\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("viewer"));
        mvc.perform(delete("/api/v1/members/{u}", member.id()).header("Authorization", "Bearer " + token))
                .andExpect(status().isNoContent());

        assertThat(workspaces.roleOf(team.workspace().id(), member.id())).isEmpty();
        assertThat(audit(team.workspace().id())).contains("member.role_changed", "member.removed", "token.created");
    }

    @Test
    void viewersAndMembersCannotAdministerMembers() throws Exception {
        var team = fixtures.team("viewer");
        Account viewer = fixtures.member(team.workspace(), "v", Role.VIEWER);
        Account member = fixtures.member(team.workspace(), "m", Role.MEMBER);

        mvc.perform(post("/api/v1/members").header("Authorization", "Bearer " + fixtures.token(team.workspace(), viewer))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"x@example.com\",\"role\":\"member\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/w/{w}/members/{u}/role", team.workspace().id(), viewer.id())
                        .with(user(fixtures.signedIn(member))).with(csrf()).param("role", "admin"))
                .andExpect(status().isForbidden());

        assertThat(workspaces.roleOf(team.workspace().id(), viewer.id())).contains(Role.VIEWER);
    }

    @Test
    void onlyOwnersGrantOwnership() throws Exception {
        var team = fixtures.team("owners");
        Account admin = fixtures.member(team.workspace(), "a", Role.ADMIN);
        Account member = fixtures.member(team.workspace(), "m", Role.MEMBER);

        mvc.perform(patch("/api/v1/members/{u}", member.id())
                        .header("Authorization", "Bearer " + fixtures.token(team.workspace(), admin))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"owner\"}"))
                .andExpect(status().isForbidden());

        assertThat(workspaces.roleOf(team.workspace().id(), member.id())).contains(Role.MEMBER);
    }

    @Test
    void theLastOwnerCanNeitherBeDemotedNorRemoved() throws Exception {
        var team = fixtures.team("last");
        String token = fixtures.token(team.workspace(), team.owner());

        mvc.perform(patch("/api/v1/members/{u}", team.owner().id()).header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"admin\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("at least one owner")));
        mvc.perform(delete("/api/v1/members/{u}", team.owner().id()).header("Authorization", "Bearer " + token))
                .andExpect(status().isConflict());

        assertThat(workspaces.roleOf(team.workspace().id(), team.owner().id())).contains(Role.OWNER);
    }

    @Test
    void theLastOwnerRemovingThemselvesOnThePageSeesWhyOnTheMembersPage() throws Exception {
        var team = fixtures.team("last-leaves");

        mvc.perform(post("/w/{w}/members/{u}/remove", team.workspace().id(), team.owner().id())
                        .with(user(fixtures.signedIn(team.owner()))).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("members"))
                .andExpect(content().string(Matchers.containsString("A workspace needs at least one owner")));

        assertThat(workspaces.roleOf(team.workspace().id(), team.owner().id())).contains(Role.OWNER);
    }

    @Test
    void anAdminWhoRemovesThemselvesLeavesAndIsSentHome() throws Exception {
        var team = fixtures.team("admin-leaves");
        Account admin = fixtures.member(team.workspace(), "leaving-admin", Role.ADMIN);

        mvc.perform(post("/w/{w}/members/{u}/remove", team.workspace().id(), admin.id())
                        .with(user(fixtures.signedIn(admin))).with(csrf()))
                .andExpect(redirectedUrl("/"));

        assertThat(workspaces.roleOf(team.workspace().id(), admin.id())).isEmpty();
        assertThat(audit(team.workspace().id())).contains("member.left");
    }

    @Test
    void anAdminCreatesAWorkspaceAndOwnsIt() throws Exception {
        var team = fixtures.team("creator");
        String token = fixtures.token(team.workspace(), team.owner());

        String body = mvc.perform(post("/api/v1/workspaces").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Second team\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.role").value("owner"))
                .andReturn().getResponse().getContentAsString();

        UUID created = UUID.fromString(body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
        assertThat(workspaces.roleOf(created, team.owner().id())).contains(Role.OWNER);
        assertThat(audit(created)).contains("workspace.created");
    }

    @Test
    void theMembersPageListsEveryMember() throws Exception {
        var team = fixtures.team("list");
        Account member = fixtures.member(team.workspace(), "listed", Role.MEMBER);

        mvc.perform(get("/w/{w}/members", team.workspace().id()).with(user(fixtures.signedIn(member))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString(team.owner().email()), Matchers.containsString(member.email()))));
    }

    private List<String> audit(UUID workspaceId) {
        return jdbc.sql("select action from audit_event where workspace_id = :w").param("w", workspaceId)
                .query(String.class).list();
    }
}
