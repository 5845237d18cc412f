package dev.deskloop.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.helpdesk.HelpdeskProviders;
import dev.deskloop.helpdesk.ProviderId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

/** The Intercom connection lifecycle against the simulator: /me identifies the workspace; disconnect uninstalls. */
class IntercomConnectionIT extends IntegrationTest {

    @Autowired
    dev.deskloop.workspace.Fixtures fixtures;

    @Autowired
    Connections connections;

    @Autowired
    ConnectionTokens tokens;

    @Autowired
    HelpdeskProviders providers;

    ConnectionFlow flow;
    dev.deskloop.workspace.Fixtures.Team team;

    @BeforeEach
    void setUp() {
        flow = new ConnectionFlow(mvc, fixtures);
        team = fixtures.team("ic");
        // The simulator has one Intercom workspace; earlier tests' connections to it must not block this one.
        jdbc.sql("update connection set status = 'disconnected' where provider = 'intercom'").update();
        SIMULATOR.intercom().faults().clear();
    }

    @Test
    void connectsAndIdentifiesTheWorkspaceAndAdminThroughMe() throws Exception {
        URI consent = flow.start(team.workspace(), team.owner(), "intercom", null);
        assertThat(consent.toString()).startsWith(SIMULATOR.baseUrl() + "/intercom/app/oauth?client_id=");

        MvcResult done = flow.callback(team.owner(), flow.allow(consent));

        assertThat(done.getFlashMap().get("notice")).asString().contains("Intercom").contains("is connected");
        Connection connection = connections.active(team.workspace().id()).orElseThrow();
        assertThat(connection.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(connection.account()).isEqualTo(SIMULATOR.intercom().appId());
        assertThat(connection.actingUserId()).isEqualTo(SIMULATOR.intercom().adminId());
        assertThat(connection.accessExpiresAt()).as("Intercom tokens do not expire").isNull();
        assertThat(SIMULATOR.requests().find("GET", "/intercom/api/me"))
                .anySatisfy(r -> assertThat(r.header("Intercom-Version")).contains("2.14"));
        assertThat(audit()).contains("connection.connected");
    }

    @Test
    void disconnectUninstallsTheApp() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "intercom", null, connections);
        assertThat(SIMULATOR.intercom().installed()).isTrue();

        mvc.perform(post("/w/{w}/connections/{c}/disconnect", team.workspace().id(), id)
                .with(user(fixtures.signedIn(team.owner()))).with(csrf()));

        assertThat(SIMULATOR.intercom().installed()).isFalse();
        assertThat(connections.byId(id).orElseThrow().status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(audit()).contains("connection.disconnected");
    }

    @Test
    void deniedConsentConnectsNothing() throws Exception {
        MvcResult done = flow.callback(team.owner(), flow.deny(flow.start(team.workspace(), team.owner(), "intercom", null)));

        assertThat(done.getFlashMap().get("error")).asString().contains("denied");
        assertThat(connections.ofWorkspace(team.workspace().id())).isEmpty();
    }

    @Test
    void theSameIntercomWorkspaceCannotBeConnectedToTwoDeskloopWorkspaces() throws Exception {
        UUID first = flow.connect(team.workspace(), team.owner(), "intercom", null, connections);
        var other = fixtures.team("ic-other");

        MvcResult done = flow.callback(other.owner(), flow.allow(flow.start(other.workspace(), other.owner(), "intercom", null)));

        assertThat(done.getFlashMap().get("error")).asString().contains("already connected to another Deskloop workspace");
        assertThat(connections.ofWorkspace(other.workspace().id())).isEmpty();
        // The refusal must not uninstall the app from the Intercom workspace: the first connection still works.
        Connection connected = connections.byId(first).orElseThrow();
        assertThat(providers.get(ProviderId.INTERCOM).auth().identify(connected.account(), tokens.accessToken(first))
                .accountKey()).isEqualTo(connected.account());
    }

    @Test
    void aReconnectThatPicksAnotherIntercomWorkspaceIsRefusedAndLeavesOneConnection() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "intercom", null, connections);

        MvcResult done = reconnectPickingTheSimulatorsWorkspace(id, "connection_error");

        assertThat(done.getFlashMap().get("error")).asString()
                .contains("this connection is to Another Inc").contains("as a new desk");
        assertThat(connections.ofWorkspace(team.workspace().id())).singleElement()
                .satisfies(c -> assertThat(c.id()).isEqualTo(id))
                .satisfies(c -> assertThat(c.status()).isEqualTo(ConnectionStatus.CONNECTION_ERROR));
        assertThat(SIMULATOR.intercom().installed()).as("a refused connect never uninstalls the app").isTrue();
        assertThat(audit()).contains("connection.refused");
    }

    @Test
    void reconnectingADisconnectedConnectionWithAnotherIntercomWorkspaceConnectsItAsANewDesk() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "intercom", null, connections);

        MvcResult done = reconnectPickingTheSimulatorsWorkspace(id, "disconnected");

        assertThat(done.getFlashMap().get("notice")).asString().contains("is connected");
        Connection connected = connections.active(team.workspace().id()).orElseThrow();
        assertThat(connected.id()).isNotEqualTo(id);
        assertThat(connected.account()).isEqualTo(SIMULATOR.intercom().appId());
        assertThat(connections.byId(id).orElseThrow().account()).as("the old connection stays as it was")
                .isEqualTo("another-app");
    }

    /**
     * Makes the connection one to another Intercom workspace ("Another Inc") in the given status, then reconnects it
     * and picks the simulator's workspace on Intercom's consent screen.
     */
    private MvcResult reconnectPickingTheSimulatorsWorkspace(UUID id, String status) throws Exception {
        jdbc.sql("update connection set account = 'another-app', account_name = 'Another Inc', status = :status"
                + " where id = :id").param("status", status).param("id", id).update();
        String consent = mvc.perform(post("/w/{w}/connections/{c}/reconnect", team.workspace().id(), id)
                        .with(user(fixtures.signedIn(team.owner()))).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
        return flow.callback(team.owner(), flow.allow(URI.create(consent)));
    }

    private List<String> audit() {
        return jdbc.sql("select action from audit_event where workspace_id = :w").param("w", team.workspace().id())
                .query(String.class).list();
    }
}
