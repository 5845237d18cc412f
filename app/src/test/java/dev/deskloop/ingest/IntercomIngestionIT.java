package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.TestSimulator;
import dev.deskloop.connection.ConnectionFlow;
import dev.deskloop.connection.ConnectionLifecycle;
import dev.deskloop.connection.Connections;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.simulator.intercom.CustomerConversation;
import dev.deskloop.simulator.intercom.IntercomConversation;
import dev.deskloop.tickets.Tickets;
import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Intercom notifications to stored, triaged conversations; matched by app_id; echoes and unknown apps dropped. */
class IntercomIngestionIT extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Connections connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    Inbox inbox;

    @Autowired
    Tickets tickets;

    @Autowired
    Jobs jobs;

    Fixtures.Team team;
    UUID connectionId;
    Deliveries deliveries;
    String appId;

    @BeforeEach
    void connect() throws Exception {
        jdbc.sql("update connection set status = 'disconnected' where provider = 'intercom'").update();
        team = fixtures.team("ic-ingest");
        connectionId = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "intercom", null, connections);
        appId = SIMULATOR.intercom().appId();
        deliveries = new Deliveries(mvc);
    }

    @Test
    void aNewConversationIsStoredAndTriagedThroughTheAppWideUrl() throws Exception {
        IntercomConversation conversation = SIMULATOR.intercom().createConversation(CustomerConversation.of(
                "Payments failing", "Since 9am all our customers get an error when they pay. Nobody can check out."));

        deliveries.intercom("/hooks/intercom", Deliveries.intercomBody("notif_" + UUID.randomUUID(),
                        "conversation.user.created", appId, conversation.id()), TestSimulator.INTERCOM_CLIENT_SECRET)
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("received"));
        jobs.runDue();

        var stored = tickets.byExternalId(connectionId, conversation.id()).orElseThrow();
        assertThat(stored.requesterEmail()).isNotBlank();
        assertThat(stored.latestTriage()).isNotNull();
        assertThat(statuses()).containsExactly(InboxStatus.DONE);
    }

    @Test
    void localTimesAreReadInTheZoneOfTheIntercomWorkspace() throws Exception {
        SIMULATOR.intercom().configureTimezone("Asia/Kolkata");
        try {
            jdbc.sql("update connection set status = 'disconnected' where provider = 'intercom'").update();
            connectionId = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "intercom", null,
                    connections);
        } finally {
            SIMULATOR.intercom().configureTimezone("Etc/UTC");
        }
        IntercomConversation conversation = SIMULATOR.intercom().createConversation(CustomerConversation.of(
                "Payments failing", "Since 9am all our customers get an error when they pay. Nobody can check out."));

        deliveries.intercom("/hooks/intercom", Deliveries.intercomBody("notif_" + UUID.randomUUID(),
                        "conversation.user.created", appId, conversation.id()), TestSimulator.INTERCOM_CLIENT_SECRET)
                .andExpect(status().isOk());
        jobs.runDue();

        var triage = tickets.byExternalId(connectionId, conversation.id()).orElseThrow().latestTriage().triage();
        assertThat(triage.isBug()).as("the engine reads the text as a bug, so it suggests a window").isTrue();
        assertThat(triage.timeWindow().start())
                .isEqualTo(LocalTimes.nineBefore(conversation.createdAt(), ZoneId.of("Asia/Kolkata")));
    }

    @Test
    void adminTopicsAreOurOwnEchoesAndAreIgnored() throws Exception {
        IntercomConversation conversation = SIMULATOR.intercom().createConversation(CustomerConversation.of("Hi", "Question"));

        deliveries.intercom("/hooks/intercom", Deliveries.intercomBody("notif_" + UUID.randomUUID(),
                "conversation.admin.noted", appId, conversation.id()), TestSimulator.INTERCOM_CLIENT_SECRET)
                .andExpect(status().isOk());
        jobs.runDue();

        assertThat(statuses()).containsExactly(InboxStatus.IGNORED);
        assertThat(tickets.byExternalId(connectionId, conversation.id())).isEmpty();
    }

    @Test
    void aWrongSignatureIs401AndAnUnknownAppIsAcknowledgedButDropped() throws Exception {
        String body = Deliveries.intercomBody("notif_x", "conversation.user.created", appId, "1");
        deliveries.intercom("/hooks/intercom", body, "wrong-secret").andExpect(status().isUnauthorized());

        deliveries.intercom("/hooks/intercom", Deliveries.intercomBody("notif_y", "conversation.user.created",
                "some-other-app", "1"), TestSimulator.INTERCOM_CLIENT_SECRET)
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("dropped"));

        assertThat(statuses()).isEmpty();
    }

    @Test
    void aDisconnectedIntercomConnectionIsNeverAnswered410() throws Exception {
        lifecycle.disconnect(fixtures.caller(team.workspace(), team.owner()), connectionId);

        deliveries.intercom("/hooks/" + connectionId, Deliveries.intercomBody("notif_z", "conversation.user.created",
                appId, "1"), TestSimulator.INTERCOM_CLIENT_SECRET).andExpect(status().isOk());
        deliveries.intercom("/hooks/intercom", Deliveries.intercomBody("notif_w", "conversation.user.created",
                appId, "1"), TestSimulator.INTERCOM_CLIENT_SECRET).andExpect(status().isOk());

        assertThat(statuses()).isEmpty();
    }

    @Test
    void pingIsAcknowledged() throws Exception {
        String ping = "{\"type\":\"notification_event\",\"app_id\":\"" + appId + "\",\"id\":\"notif_ping_"
                + UUID.randomUUID() + "\",\"topic\":\"ping\",\"data\":{\"type\":\"notification_event_data\",\"item\":{\"type\":\"ping\"}}}";

        deliveries.intercom("/hooks/intercom", ping, TestSimulator.INTERCOM_CLIENT_SECRET).andExpect(status().isOk());

        assertThat(statuses()).containsExactly(InboxStatus.IGNORED);
    }

    private List<InboxStatus> statuses() {
        return inbox.recent(team.workspace().id(), null, 100).stream().map(InboxEntry::status).toList();
    }
}
