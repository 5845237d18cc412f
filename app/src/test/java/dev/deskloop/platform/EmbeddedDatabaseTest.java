package dev.deskloop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.deskloop.DeskloopApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The default database of {@code ./deskloop run}: an H2 file under the data directory, created on first start and
 * reopened on the next. Every other test uses in-memory databases, so this one guards the shipped URL.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void theDefaultFileDatabaseIsCreatedMigratedAndReopened() throws Exception {
        Path data = dataDir.resolve("fresh");
        String[] args = {"--deskloop.data-dir=" + data, "--server.port=0", "--deskloop.jobs.manual=true"};

        try (var first = new SpringApplicationBuilder(DeskloopApplication.class).run(args)) {
            long migrations = first.getBean(JdbcClient.class)
                    .sql("select count(*) from flyway_schema_history where success = true").query(Long.class).single();
            assertThat(migrations).isGreaterThanOrEqualTo(6);
        }
        assertThat(Files.exists(data.resolve("deskloop.mv.db"))).isTrue();
        assertThat(Files.exists(data.resolve("master-keyset.json"))).isTrue();

        try (var second = new SpringApplicationBuilder(DeskloopApplication.class).run(args)) {
            long owners = second.getBean(JdbcClient.class)
                    .sql("select count(*) from app_user where email = 'owner@localhost'").query(Long.class).single();
            assertThat(owners).isEqualTo(1);
        }
    }
}
