package dev.deskloop.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Types;
import java.util.List;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import dev.deskloop.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

class MigrationsIT extends IntegrationTest {

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void everyMigrationAppliedOnTheDatabaseUnderTest() throws Exception {
        String product;
        try (var connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        }
        assertThat(product).isEqualTo(TestDatabases.current().equals("postgres") ? "PostgreSQL" : "H2");

        List<String> versions = jdbc.sql("select version from flyway_schema_history where success = true and version is not null order by installed_rank")
                .query(String.class).list();
        assertThat(versions).contains("1", "2");
    }

    @Test
    void theSchemaRefusesUnknownRoles() {
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into membership (workspace_id, user_id, role, created_at)
                        select w.id, u.id, 'emperor', current_timestamp from workspace w, app_user u
                        fetch first 1 rows only""").update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theRebuiltInboxKeepsItsKeysAndChecks() {
        UUID connection = UUID.randomUUID();
        insertDelivery(UUID.randomUUID(), connection, "event-1", "received");

        assertThatThrownBy(
                        () -> insertDelivery(UUID.randomUUID(), connection, "event-1", "received"))
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(
                        () -> insertDelivery(UUID.randomUUID(), connection, "event-2", "lost"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.sql("select count(*) from inbox where connection_id = :c").param("c", connection)
                .query(Long.class).single()).isEqualTo(1);
    }

    private void insertDelivery(UUID id, UUID connection, String eventId, String status) {
        jdbc.sql("""
                        insert into inbox (id, workspace_id, connection_id, provider, event_id, payload, received_at, status)
                        values (:id, :workspace, :connection, 'zendesk', :event, :payload, current_timestamp, :status)""")
                .param("id", id).param("workspace", UUID.randomUUID()).param("connection", connection)
                .param("event", eventId).param("payload", new byte[] {'{', '}'}, Types.BINARY)
                .param("status", status).update();
    }
}
