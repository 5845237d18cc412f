package dev.deskloop.ingest;

import java.util.Locale;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.connection.ConnectionFlow;
import dev.deskloop.connection.Connections;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An integration test that starts each test with a fresh team and a simulated Zendesk account connected through the
 * consent screen, ready to sign deliveries; the simulator's injected faults are cleared after each test.
 */
abstract class ConnectedZendeskTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Connections connections;

    @Autowired
    Jobs jobs;

    Fixtures.Team team;
    String subdomain;
    UUID connectionId;
    String secret;
    Deliveries deliveries;

    @BeforeEach
    void connectZendesk() throws Exception {
        String name = getClass().getSimpleName().toLowerCase(Locale.ROOT);
        team = fixtures.team(name);
        subdomain = name.replaceAll("[^a-z]", "") + UUID.randomUUID().toString().substring(0, 8);
        connectionId = new ConnectionFlow(mvc, fixtures)
                .connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        secret = connections.signingSecret(connectionId).orElseThrow();
        jobs.runDue();
        deliveries = new Deliveries(mvc);
    }

    @AfterEach
    void clearZendeskFaults() {
        SIMULATOR.zendesk().faults().clear();
    }
}
