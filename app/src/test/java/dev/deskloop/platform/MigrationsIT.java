package dev.deskloop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.deskloop.IntegrationTest;
import dev.deskloop.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

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
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("""
                        insert into membership (workspace_id, user_id, role, created_at)
                        select w.id, u.id, 'emperor', current_timestamp from workspace w, app_user u
                        fetch first 1 rows only""").update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
