package dev.deskloop.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.tickets.TicketTimes;
import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Connections made before Deskloop read the desk's zone at connect get it read once, without a reconnect. */
class DeskZonesIT extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Connections connections;

    @Autowired
    DeskZones deskZones;

    @Autowired
    TicketTimes times;

    @AfterEach
    void resetSimulator() {
        SIMULATOR.intercom().configureTimezone("Etc/UTC");
        SIMULATOR.zendesk().faults().clear();
    }

    @Test
    void anIntercomConnectionWithoutAZoneGetsItsWorkspacesZoneOnce() throws Exception {
        jdbc.sql("update connection set status = 'disconnected' where provider = 'intercom'").update();
        var team = fixtures.team("desk-zone-ic");
        UUID id = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "intercom", null, connections);
        assertThat(read(id)).isTrue();
        SIMULATOR.intercom().configureTimezone("Asia/Kolkata");
        // As a connection made before zones were read at connect looks.
        forget(id);
        assertThat(times.of(id).deskZone()).isNull();

        assertThat(deskZones.readUnread()).isEqualTo(1);

        assertThat(times.of(id).deskZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(read(id)).isTrue();
        SIMULATOR.intercom().configureTimezone("Europe/Berlin");
        assertThat(deskZones.readUnread()).isZero();
        assertThat(times.of(id).deskZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    }

    @Test
    void aZendeskConnectionGetsTheConnectingUsersZoneAfterAFailureDespiteAnUnreadableOneAndADisconnectedOneIsNotAsked() throws Exception {
        var team = fixtures.team("desk-zone-zd");
        UUID id = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "zendesk",
                "zone" + UUID.randomUUID().toString().substring(0, 8), connections);
        var other = fixtures.team("desk-zone-zd-gone");
        UUID gone = new ConnectionFlow(mvc, fixtures).connect(other.workspace(), other.owner(), "zendesk",
                "gone" + UUID.randomUUID().toString().substring(0, 8), connections);
        forget(id);
        forget(gone);
        jdbc.sql("update connection set status = 'disconnected' where id = :id").param("id", gone).update();
        // A connection whose token cannot be decrypted (e.g. a database restored without its keyset), asked first.
        UUID unreadable = unreadableConnection(other.workspace().id(), Instant.parse("2020-01-01T00:00:00Z"));
        // Zendesk failing: nothing is read, and the desk is asked again on the next run.
        SIMULATOR.zendesk().faults().failNext(20);
        assertThat(deskZones.readUnread()).isZero();
        assertThat(read(id)).isFalse();
        SIMULATOR.zendesk().faults().clear();

        assertThat(deskZones.readUnread()).isEqualTo(1);

        assertThat(times.of(id).deskZone()).isEqualTo(ZoneId.of("Etc/UTC"));
        assertThat(read(gone)).isFalse();
        assertThat(read(unreadable)).isFalse();
        jdbc.sql("delete from connection where id = :id").param("id", unreadable).update();
    }

    @Test
    void desksThatKeepFailingDoNotHoldUpAConnectionMadeAfterThem() throws Exception {
        var team = fixtures.team("desk-zone-later");
        UUID id = new ConnectionFlow(mvc, fixtures).connect(team.workspace(), team.owner(), "zendesk",
                "later" + UUID.randomUUID().toString().substring(0, 8), connections);
        forget(id);
        // A whole run's worth of older connections whose tokens can never be decrypted.
        List<UUID> unreadable = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            unreadable.add(unreadableConnection(team.workspace().id(), Instant.parse("2020-01-01T00:00:00Z")
                    .plusSeconds(60L * i)));
        }
        try {
            deskZones.readUnread();
            assertThat(read(id)).as("the 50 older connections fill the first run").isFalse();

            deskZones.readUnread();

            assertThat(read(id)).as("the next run asks the connection not tried yet first").isTrue();
            assertThat(unreadable).allSatisfy(gone -> assertThat(read(gone)).isFalse());
        } finally {
            jdbc.sql("delete from connection where id in (:ids)").param("ids", unreadable).update();
        }
    }

    private UUID unreadableConnection(UUID workspaceId, Instant createdAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into connection (id, workspace_id, provider, account, status, access_token, created_at,
                            updated_at)
                        values (:id, :w, 'zendesk', :account, 'connected', :token, :at, :at)""")
                .param("id", id).param("w", workspaceId).param("account", "unreadable-" + id)
                .param("token", new byte[] {1, 2, 3}).param("at", Timestamp.from(createdAt)).update();
        return id;
    }

    private void forget(UUID id) {
        jdbc.sql("update connection set account_zone = null, account_zone_read = false where id = :id")
                .param("id", id).update();
    }

    private boolean read(UUID id) {
        return jdbc.sql("select account_zone_read from connection where id = :id").param("id", id)
                .query(Boolean.class).single();
    }
}
