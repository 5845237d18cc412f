package dev.deskloop.ingest;

import java.util.UUID;

import dev.deskloop.connection.ConnectionFlow;
import dev.deskloop.connection.Connections;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.workspace.Fixtures;
import org.springframework.test.web.servlet.MockMvc;

/** A fresh team with a simulated Zendesk account connected through the consent screen, ready to sign deliveries. */
record ConnectedZendesk(Fixtures.Team team, String subdomain, UUID connectionId, String secret) {

    static ConnectedZendesk connect(MockMvc mvc, Fixtures fixtures, Connections connections, Jobs jobs, String name)
            throws Exception {
        Fixtures.Team team = fixtures.team(name);
        String subdomain = name.replaceAll("[^a-z]", "") + UUID.randomUUID().toString().substring(0, 8);
        UUID connectionId = new ConnectionFlow(mvc, fixtures)
                .connect(team.workspace(), team.owner(), "zendesk", subdomain, connections);
        String secret = connections.signingSecret(connectionId).orElseThrow();
        jobs.runDue();
        return new ConnectedZendesk(team, subdomain, connectionId, secret);
    }
}
