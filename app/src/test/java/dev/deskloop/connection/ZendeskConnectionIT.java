package dev.deskloop.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.deskloop.IntegrationTest;
import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.platform.crypto.KeyRotation;
import dev.deskloop.workspace.Account;
import dev.deskloop.workspace.Fixtures;
import dev.deskloop.workspace.Role;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

/** The Zendesk connection lifecycle end to end against the simulator: every state and every failure. */
class ZendeskConnectionIT extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Connections connections;

    @Autowired
    ConnectionTokens tokens;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    KeyRotation keyRotation;

    @Autowired
    dev.deskloop.platform.crypto.TokenCipher cipher;

    @Autowired
    dev.deskloop.platform.jobs.Jobs jobs;

    ConnectionFlow flow;
    Fixtures.Team team;
    String subdomain;

    @BeforeEach
    void setUp() {
        flow = new ConnectionFlow(mvc, fixtures);
        team = fixtures.team("zd");
        subdomain = "acme" + UUID.randomUUID().toString().substring(0, 8);
        SIMULATOR.zendesk().faults().clear();
    }

    @org.junit.jupiter.api.AfterEach
    void clearFaults() {
        SIMULATOR.zendesk().faults().clear();
    }

    @Test
    void connectsThroughTheConsentScreenAndRegistersWebhookAndTriggers() throws Exception {
        URI consent = flow.start(team.workspace(), team.owner(), "zendesk", subdomain);
        assertThat(consent.toString()).startsWith(SIMULATOR.baseUrl() + "/zendesk/" + subdomain + "/oauth/authorizations/new")
                .contains("code_challenge_method=S256").contains("state=");

        MvcResult done = flow.callback(team.owner(), flow.allow(consent));

        assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/w/" + team.workspace().id() + "/settings/integrations");
        assertThat(done.getFlashMap().get("notice")).asString().contains("is connected");
        Connection connection = connections.active(team.workspace().id()).orElseThrow();
        assertThat(connection.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(connection.account()).isEqualTo(subdomain);
        assertThat(connection.accessExpiresAt()).isNotNull();
        assertThat(SIMULATOR.zendesk().webhooks(subdomain)).hasSize(1);
        assertThat(SIMULATOR.zendesk().triggers(subdomain)).hasSize(2);
        assertThat(connections.signingSecret(connection.id())).isPresent();
        assertThat(audit()).contains("connection.started", "connection.connected");
        // The token request asked for explicit lifetimes.
        assertThat(SIMULATOR.requests().find("POST", "/zendesk/" + subdomain + "/oauth/tokens"))
                .anySatisfy(r -> assertThat(r.redactedBody()).contains("expires_in").contains("refresh_token_expires_in"));
    }

    @Test
    void storesNoTokenOrSecretInPlaintext() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        Connections.Secrets secrets = connections.secrets(id);

        List<String> everything = new ArrayList<>();
        for (String table : List.of("connection", "oauth_state", "audit_event")) {
            jdbc.sql("select * from " + table).query(rs -> {
                int columns = rs.getMetaData().getColumnCount();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof byte[] bytes) {
                        everything.add(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
                    } else if (value != null) {
                        everything.add(value.toString());
                    }
                }
            });
        }

        assertThat(secrets.accessToken()).isNotBlank();
        assertThat(secrets.refreshToken()).isNotBlank();
        assertThat(secrets.signingSecret()).isNotBlank();
        assertThat(everything).noneMatch(v -> v.contains(secrets.accessToken()) || v.contains(secrets.refreshToken())
                || v.contains(secrets.signingSecret()) || v.contains(TEST_CLIENT_SECRET));
    }

    @Test
    void pausesResumesDisconnectsAndReconnectsTheSameConnection() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        String token = connections.secrets(id).accessToken();
        var owner = user(fixtures.signedIn(team.owner()));

        mvc.perform(post("/w/{w}/connections/{c}/pause", team.workspace().id(), id).with(owner).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(connections.byId(id).orElseThrow().status()).isEqualTo(ConnectionStatus.PAUSED);
        mvc.perform(post("/w/{w}/connections/{c}/resume", team.workspace().id(), id).with(owner).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(connections.byId(id).orElseThrow().status()).isEqualTo(ConnectionStatus.CONNECTED);

        mvc.perform(post("/w/{w}/connections/{c}/disconnect", team.workspace().id(), id).with(owner).with(csrf()))
                .andExpect(status().is3xxRedirection());

        Connection disconnected = connections.byId(id).orElseThrow();
        assertThat(disconnected.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(SIMULATOR.zendesk().webhooks(subdomain)).isEmpty();
        assertThat(SIMULATOR.zendesk().triggers(subdomain)).isEmpty();
        assertThat(apiStatus(token)).as("the revoked token is refused").isEqualTo(401);
        assertThat(connections.secrets(id).accessToken()).isNull();
        assertThat(audit()).contains("connection.paused", "connection.resumed", "connection.disconnected");

        UUID again = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        assertThat(again).isEqualTo(id);
        assertThat(connections.byId(id).orElseThrow().status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(SIMULATOR.zendesk().webhooks(subdomain)).hasSize(1);
    }

    @Test
    void aDisconnectThatCannotRemoveTheWebhookKeepsItsIdsAndTheNextReconnectRemovesIt() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        Connection connected = connections.byId(id).orElseThrow();
        var owner = user(fixtures.signedIn(team.owner()));
        // Zendesk fails the three deletes (two triggers, the webhook); the token revocation after them goes through.
        SIMULATOR.zendesk().faults().failNext(3);

        mvc.perform(post("/w/{w}/connections/{c}/disconnect", team.workspace().id(), id).with(owner).with(csrf()))
                .andExpect(status().is3xxRedirection());

        Connection disconnected = connections.byId(id).orElseThrow();
        assertThat(disconnected.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(disconnected.webhookId()).isEqualTo(connected.webhookId());
        assertThat(disconnected.triggerIds()).isEqualTo(connected.triggerIds());
        assertThat(SIMULATOR.zendesk().triggers(subdomain)).hasSize(2);
        SIMULATOR.zendesk().faults().clear();

        assertThat(flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections)).isEqualTo(id);

        assertThat(SIMULATOR.zendesk().webhooks(subdomain)).hasSize(1);
        assertThat(SIMULATOR.zendesk().triggers(subdomain)).hasSize(2);
        assertThat(SIMULATOR.zendesk().webhooks(subdomain).getFirst().id())
                .isEqualTo(connections.byId(id).orElseThrow().webhookId());
    }

    @Test
    void aConnectFinishingWhileAnotherIsBeingSetUpIsRefusedButAFlowThatDiedLongAgoDoesNotBlock() throws Exception {
        URI callback = flow.allow(flow.start(team.workspace(), team.owner(), "zendesk", subdomain));
        // Another admin's flow, to another desk, has just stored its pending row and is registering its webhook.
        UUID other = pendingConnection(clock.instant());

        MvcResult done = flow.callback(team.owner(), callback);

        assertThat(done.getFlashMap().get("error")).asString().contains("being set up");
        assertThat(SIMULATOR.zendesk().webhooks(subdomain)).isEmpty();
        assertThat(connections.byId(other).orElseThrow().status()).isEqualTo(ConnectionStatus.PENDING);

        jdbc.sql("delete from connection where id = :id").param("id", other).update();
        URI again = flow.allow(flow.start(team.workspace(), team.owner(), "zendesk", subdomain));
        UUID died = pendingConnection(clock.instant().minus(ConnectionLifecycle.PENDING_LIFETIME).minusSeconds(1));
        flow.callback(team.owner(), again);
        assertThat(connections.ofWorkspace(team.workspace().id()))
                .anySatisfy(c -> assertThat(c.status()).isEqualTo(ConnectionStatus.CONNECTED));
        assertThat(SIMULATOR.zendesk().webhooks(subdomain)).hasSize(1);
        // The row of the flow that died is let go, so that nothing stays held for it.
        Connection abandoned = connections.byId(died).orElseThrow();
        assertThat(abandoned.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(abandoned.lastError()).contains("did not finish");
    }

    @Test
    void aFlowGivenUpWhileItWasRegisteringRemovesWhatItRegisteredInsteadOfConnecting() throws Exception {
        URI slow = flow.allow(flow.start(team.workspace(), team.owner(), "zendesk", subdomain));
        // Every Zendesk call of this flow takes a second: the token, /users/me, the webhook, its secret, the triggers.
        SIMULATOR.zendesk().faults().delayResponses(Duration.ofSeconds(1));
        var pool = Executors.newSingleThreadExecutor();
        try {
            Future<MvcResult> slowDone = pool.submit(() -> flow.callback(team.owner(), slow));
            UUID pending = awaitPendingRow();
            // More than the pending lifetime later, an Intercom connect in the same workspace takes that flow for dead.
            clock.advance(ConnectionLifecycle.PENDING_LIFETIME.plusMinutes(1));
            jdbc.sql("update connection set status = 'disconnected' where provider = 'intercom'"
                    + " and workspace_id <> :w").param("w", team.workspace().id()).update();
            MvcResult fast = flow.callback(team.owner(), flow.allow(flow.start(team.workspace(), team.owner(), "intercom", null)));
            assertThat(fast.getFlashMap().get("notice")).asString().contains("is connected");

            MvcResult done = slowDone.get(60, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(done.getFlashMap().get("error")).asString().contains("was given up");
            assertThat(connections.byId(pending).orElseThrow().status()).isEqualTo(ConnectionStatus.DISCONNECTED);
            assertThat(connections.ofWorkspace(team.workspace().id()))
                    .filteredOn(c -> c.status() != ConnectionStatus.DISCONNECTED).singleElement()
                    .satisfies(c -> assertThat(c.provider()).isEqualTo(dev.deskloop.helpdesk.ProviderId.INTERCOM));
            assertThat(SIMULATOR.zendesk().webhooks(subdomain)).isEmpty();
            assertThat(SIMULATOR.zendesk().triggers(subdomain)).isEmpty();
        } finally {
            pool.shutdownNow();
            jdbc.sql("update connection set status = 'disconnected' where provider = 'intercom'").update();
        }
    }

    private UUID awaitPendingRow() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<UUID> rows = jdbc.sql("select id from connection where workspace_id = :w and status = 'pending'")
                    .param("w", team.workspace().id()).query(UUID.class).list();
            if (!rows.isEmpty()) {
                return rows.getFirst();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the connect flow never stored its pending row");
    }

    private UUID pendingConnection(java.time.Instant createdAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into connection (id, workspace_id, provider, status, account, created_at, updated_at)
                        values (:id, :w, 'intercom', 'pending', :account, :at, :at)""")
                .param("id", id).param("w", team.workspace().id()).param("account", "app-" + id)
                .param("at", java.sql.Timestamp.from(createdAt)).update();
        return id;
    }

    @Test
    void deniedConsentLeavesNothingAndSaysWhy() throws Exception {
        MvcResult done = flow.callback(team.owner(), flow.deny(flow.start(team.workspace(), team.owner(), "zendesk", subdomain)));

        assertThat(done.getFlashMap().get("error")).asString().contains("denied");
        assertThat(connections.ofWorkspace(team.workspace().id())).isEmpty();
        assertThat(SIMULATOR.zendesk().webhooks(subdomain)).isEmpty();
        assertThat(audit()).contains("connection.denied");
    }

    @Test
    void aReplayedCallbackDoesNothing() throws Exception {
        URI callback = flow.allow(flow.start(team.workspace(), team.owner(), "zendesk", subdomain));
        flow.callback(team.owner(), callback);
        UUID id = connections.active(team.workspace().id()).orElseThrow().id();

        MvcResult replay = flow.callback(team.owner(), callback);

        assertThat(replay.getResponse().getStatus()).isEqualTo(400);
        assertThat(replay.getResponse().getContentAsString()).contains("expired or was already used");
        assertThat(connections.ofWorkspace(team.workspace().id())).extracting(Connection::id).containsExactly(id);
        assertThat(SIMULATOR.zendesk().webhooks(subdomain)).hasSize(1);
    }

    @Test
    void anExpiredStateIsRefused() throws Exception {
        URI consent = flow.start(team.workspace(), team.owner(), "zendesk", subdomain);
        URI callback = flow.allow(consent);
        clock.advance(Duration.ofMinutes(11));

        MvcResult late = flow.callback(team.owner(), callback);

        assertThat(late.getResponse().getStatus()).isEqualTo(400);
        assertThat(connections.ofWorkspace(team.workspace().id())).isEmpty();
    }

    @Test
    void aCallbackOfSomeoneElsesFlowIsRefused() throws Exception {
        Account admin = fixtures.member(team.workspace(), "other-admin", Role.ADMIN);
        URI callback = flow.allow(flow.start(team.workspace(), team.owner(), "zendesk", subdomain));

        MvcResult stolen = flow.callback(admin, callback);

        assertThat(stolen.getResponse().getStatus()).isEqualTo(400);
        assertThat(connections.ofWorkspace(team.workspace().id())).isEmpty();
    }

    @Test
    void aFailedRegistrationLeavesNothingBehind() throws Exception {
        URI callback = flow.allow(flow.start(team.workspace(), team.owner(), "zendesk", subdomain));
        int before = SIMULATOR.requests().size();
        // One API call a minute: /users/me goes through, creating the webhook is refused with 429.
        SIMULATOR.zendesk().faults().rateLimitPerMinute(1);

        MvcResult done = flow.callback(team.owner(), callback);

        assertThat(done.getFlashMap().get("error")).asString().contains("Registering the webhook");
        assertThat(connections.ofWorkspace(team.workspace().id())).isEmpty();
        assertThat(SIMULATOR.zendesk().webhooks(subdomain)).isEmpty();
        assertThat(SIMULATOR.zendesk().triggers(subdomain)).isEmpty();
        assertThat(SIMULATOR.requests().all().subList(before, SIMULATOR.requests().size()))
                .anySatisfy(r -> assertThat(r.method() + " " + r.path()).isEqualTo(
                        "DELETE /zendesk/" + subdomain + "/api/v2/oauth/tokens/current.json"));
        assertThat(audit()).contains("connection.failed");
    }

    @Test
    void aSecondConnectIsRefusedNamingTheActiveOne() throws Exception {
        flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);

        mvc.perform(post("/w/{w}/integrations/intercom/connect", team.workspace().id())
                        .with(user(fixtures.signedIn(team.owner()))).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(Matchers.containsString("already connected to Zendesk (" + subdomain)));
    }

    @Test
    void onlyOwnersAndAdminsChangeConnections() throws Exception {
        Account member = fixtures.member(team.workspace(), "member", Role.MEMBER);
        UUID id = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);

        mvc.perform(post("/w/{w}/connections/{c}/disconnect", team.workspace().id(), id)
                        .with(user(fixtures.signedIn(member))).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/w/{w}/settings/integrations", team.workspace().id()).with(user(fixtures.signedIn(member))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"disconnect\""))));

        assertThat(connections.byId(id).orElseThrow().status()).isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void rejectsAnInvalidSubdomain() throws Exception {
        mvc.perform(post("/w/{w}/integrations/zendesk/connect", team.workspace().id())
                        .with(user(fixtures.signedIn(team.owner()))).with(csrf()).param("subdomain", "acme.evil.com/x"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(Matchers.containsString("letters, digits and hyphens")));
    }

    @Test
    void refreshesBeforeExpiryAndTheOldTokenStopsWorking() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        String before = connections.secrets(id).accessToken();

        assertThat(tokens.accessToken(id)).isEqualTo(before);
        clock.advance(Duration.ofMinutes(115)); // two-hour tokens are refreshed ten minutes before they expire

        String after = tokens.accessToken(id);

        assertThat(after).isNotEqualTo(before);
        assertThat(apiStatus(before)).as("the rotated token is refused").isEqualTo(401);
        assertThat(apiStatus(after)).as("the new token works").isEqualTo(200);
        assertThat(audit()).contains("connection.token_refreshed");
    }

    @Test
    void theRecurringJobRefreshesTokensBeforeTheyExpireWithoutAnyCall() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        String before = connections.secrets(id).accessToken();
        clock.advance(Duration.ofMinutes(115));

        jobs.runDue();

        assertThat(connections.secrets(id).accessToken()).isNotEqualTo(before);
        assertThat(apiStatus(before)).isEqualTo(401);
    }

    @Test
    void concurrentCallersRefreshOnlyOnce() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        clock.advance(Duration.ofMinutes(115));
        int refreshesBefore = refreshRequests();

        List<Callable<String>> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            callers.add(() -> tokens.accessToken(id));
        }
        List<String> seen = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (Future<String> result : pool.invokeAll(callers)) {
                seen.add(result.get());
            }
        }

        assertThat(seen).containsOnly(seen.getFirst());
        assertThat(refreshRequests() - refreshesBefore).isEqualTo(1);
        assertThat(connections.byId(id).orElseThrow().status()).isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void aTokenRefusedAfterAnotherCallerRefreshedItIsNotRotatedAgain() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        String refused = tokens.accessToken(id);
        int refreshesBefore = refreshRequests();

        // Two workers used the same token and both got 401: the first refreshes, the second gets its new token.
        String first = tokens.refreshAfterUnauthorized(id, refused);
        String second = tokens.refreshAfterUnauthorized(id, refused);

        assertThat(first).isNotEqualTo(refused);
        assertThat(second).isEqualTo(first);
        assertThat(refreshRequests() - refreshesBefore).isEqualTo(1);
        assertThat(connections.byId(id).orElseThrow().status()).isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void aRefusedRefreshMarksTheConnectionAndTheAuditLogSaysWhy() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        SIMULATOR.zendesk().revokeAllTokens(subdomain);
        clock.advance(Duration.ofMinutes(115));

        assertThatThrownBy(() -> tokens.accessToken(id)).isInstanceOf(HelpdeskApiException.Unauthorized.class);

        Connection failed = connections.byId(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(ConnectionStatus.CONNECTION_ERROR);
        assertThat(failed.lastError()).contains("Reconnect");
        assertThat(audit()).contains("connection.error");
        mvc.perform(get("/w/{w}/settings/integrations", team.workspace().id()).with(user(fixtures.signedIn(team.owner()))))
                .andExpect(content().string(Matchers.containsString("id=\"reconnect\"")))
                .andExpect(content().string(Matchers.containsString("connection_error")));

        // Reconnect repairs the same connection.
        var owner = user(fixtures.signedIn(team.owner()));
        String consent = mvc.perform(post("/w/{w}/connections/{c}/reconnect", team.workspace().id(), id).with(owner).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
        flow.callback(team.owner(), flow.allow(URI.create(consent)));
        assertThat(connections.byId(id).orElseThrow().status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(SIMULATOR.zendesk().webhooks(subdomain)).hasSize(1);
    }

    @Test
    void a401AfterRefreshMarksConnectionError() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        SIMULATOR.zendesk().revokeAllTokens(subdomain);

        String refused = tokens.accessToken(id);
        assertThatThrownBy(() -> tokens.refreshAfterUnauthorized(id, refused))
                .isInstanceOf(HelpdeskApiException.Unauthorized.class);

        assertThat(connections.byId(id).orElseThrow().status()).isEqualTo(ConnectionStatus.CONNECTION_ERROR);
    }

    @Test
    void keyRotationReEncryptsAndTokensStayUsable() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        String token = connections.secrets(id).accessToken();
        byte[] sealedBefore = sealedAccessToken(id);

        KeyRotation.Result result = keyRotation.rotate();

        assertThat(result.reEncrypted()).isGreaterThanOrEqualTo(3);
        assertThat(sealedAccessToken(id)).isNotEqualTo(sealedBefore);
        assertThat(connections.secrets(id).accessToken()).isEqualTo(token);
    }

    @Test
    void keyRotationDoesNotSetBackATokenRefreshedAfterItWasRead() throws Exception {
        UUID id = flow.connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        byte[] readByTheRotation = sealedAccessToken(id);
        // The token is refreshed while the rotation works on what it read.
        String refreshed = tokens.refreshAfterUnauthorized(id, connections.secrets(id).accessToken());

        assertThat(connections.reEncrypt(cipher, id, "access_token", readByTheRotation)).isFalse();

        assertThat(connections.secrets(id).accessToken()).isEqualTo(refreshed);
        assertThat(apiStatus(connections.secrets(id).accessToken())).isEqualTo(200);
    }

    /** What the simulated Zendesk answers to a call with this token. */
    private int apiStatus(String token) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(
                        URI.create(SIMULATOR.baseUrl() + "/zendesk/" + subdomain + "/api/v2/users/me.json"))
                .header("Authorization", "Bearer " + token).GET().build();
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private byte[] sealedAccessToken(UUID id) {
        return jdbc.sql("select access_token from connection where id = :id").param("id", id)
                .query((rs, row) -> rs.getBytes(1)).single();
    }

    private int refreshRequests() {
        return (int) SIMULATOR.requests().find("POST", "/zendesk/" + subdomain + "/oauth/tokens").stream()
                .filter(r -> r.redactedBody().contains("refresh_token\"")).count();
    }

    private List<String> audit() {
        return jdbc.sql("select action from audit_event where workspace_id = :w").param("w", team.workspace().id())
                .query(String.class).list();
    }

    private static final String TEST_CLIENT_SECRET = dev.deskloop.TestSimulator.ZENDESK_CLIENT_SECRET;
}
