package dev.deskloop.writeback;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.deskloop.TestSimulator;
import dev.deskloop.simulator.Faults;
import dev.deskloop.simulator.intercom.CustomerConversation;
import dev.deskloop.simulator.intercom.IntercomConversation;
import dev.deskloop.simulator.intercom.IntercomPart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Write-back into the simulated Intercom: notes and comments as the connection's admin, attributes by name. */
class IntercomWritebackIT extends WritebackScenarios {

    @Override
    UUID connect() throws Exception {
        // One Intercom app serves the whole test run: only the newest connection to it receives its deliveries.
        jdbc.sql("update connection set status = 'disconnected' where provider = 'intercom'").update();
        return flow.connect(team.workspace(), team.owner(), "intercom", null, connections);
    }

    @Override
    String createTicket(String subject, String body, String requesterName) {
        return SIMULATOR.intercom().createConversation(new CustomerConversation(subject, body, requesterName,
                "robin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", List.of())).id();
    }

    @Override
    void deliverCreated(String externalId) throws Exception {
        deliveries.intercom("notif_created_" + externalId, "conversation.user.created", SIMULATOR.intercom().appId(),
                externalId, TestSimulator.INTERCOM_CLIENT_SECRET);
    }

    @Override
    void customerReplies(String externalId, String body) throws Exception {
        SIMULATOR.intercom().addCustomerReply(externalId, body);
        deliveries.intercom("notif_" + UUID.randomUUID(), "conversation.user.replied", SIMULATOR.intercom().appId(),
                externalId, TestSimulator.INTERCOM_CLIENT_SECRET);
    }

    @Override
    List<String> notes(String externalId) {
        return conversation(externalId).writtenThroughApi().stream().filter(IntercomPart::isNote)
                .filter(p -> "admin".equals(p.authorType())).map(IntercomPart::body).toList();
    }

    @Override
    List<String> publicReplies(String externalId) {
        return conversation(externalId).writtenThroughApi().stream().filter(p -> "comment".equals(p.partType()))
                .filter(p -> "admin".equals(p.authorType())).map(IntercomPart::body).toList();
    }

    @Override
    Map<String, String> fields(String externalId) {
        return conversation(externalId).customAttributes();
    }

    @Override
    Faults faults() {
        return SIMULATOR.intercom().faults();
    }

    @Override
    void revokeTokens() {
        SIMULATOR.intercom().revokeAllTokens();
    }

    @Override
    String severityField() {
        return "severity";
    }

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    WritebackSettings settings;

    @Test
    void writesArePacedBelowIntercomsLimitOverEveryConnection() throws Exception {
        String id = ingested();
        UUID ticketId = ticket(id).id();
        clock.advance(Duration.ofSeconds(11));
        // Another workspace's Intercom connection used up the app's budget of the last 10 seconds.
        var other = fixtures.team("intercom-neighbour");
        UUID otherConnection = UUID.randomUUID();
        jdbc.sql("""
                        insert into connection (id, workspace_id, provider, account, status, created_at, updated_at)
                        values (:id, :w, 'intercom', 'neighbour', 'disconnected', :at, :at)""")
                .param("id", otherConnection).param("w", other.workspace().id())
                .param("at", Timestamp.from(clock.instant())).update();
        Instant oldest = clock.instant().minusSeconds(5);
        List<Object[]> fillers = new ArrayList<>();
        for (int i = 0; i < settings.intercomWritesPerTenSeconds(); i++) {
            Timestamp at = Timestamp.from(oldest.plusMillis(i));
            fillers.add(new Object[] {UUID.randomUUID(), other.workspace().id(), otherConnection, ticketId,
                    "filler:" + UUID.randomUUID(), at, at});
        }
        jdbcTemplate.batchUpdate("""
                insert into outbox (id, workspace_id, connection_id, ticket_id, purpose, idempotency_key, payload,
                    status, attempts, created_at, sent_at)
                values (?, ?, ?, ?, 'filler', ?, '{}', 'sent', 1, ?, ?)""", fillers);

        OutboxEntry row = enqueueNote(id, "paced");
        jobs.runDue();

        OutboxEntry paced = outbox.byId(row.id()).orElseThrow();
        assertThat(paced.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(paced.lastError()).startsWith("paced: " + settings.intercomWritesPerTenSeconds() + " writes to Intercom");
        assertThat(paced.nextAttemptAt()).isEqualTo(oldest.plus(Duration.ofSeconds(10)));
        assertThat(notes(id)).noneMatch(n -> n.contains(row.marker()));

        clock.advance(Duration.ofSeconds(6));
        jobs.runDue();

        assertThat(outbox.byId(row.id()).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
        assertThat(notes(id)).filteredOn(n -> n.contains(row.marker())).hasSize(1);
    }

    private IntercomConversation conversation(String id) {
        return SIMULATOR.intercom().conversation(id).orElseThrow();
    }
}
