package dev.deskloop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A migration, once released, is never edited: Flyway refuses to start on a database where an applied migration's
 * checksum changed. A schema change is a new migration; adding one means adding its line here.
 */
class ReleasedMigrationsTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    private static final Map<String, String> RELEASED = new TreeMap<>(Map.ofEntries(
            Map.entry("common/V1__accounts_workspaces_audit.sql", "ab628bb8a34f97933d1733849e06ec7576cba78f0967db19bcd1fcbee9153fb7"),
            Map.entry("h2/V2__audit_append_only.sql", "a1933e8d1a69b0f6d1eb0efebefd73701a160c8cfc1dd8b6dedc14756b247500"),
            Map.entry("postgresql/V2__audit_append_only.sql", "974580125f1101fc6f33f5eef15d8f9fe1a00dcc9af9ca8eb6b44adafc85b014"),
            Map.entry("common/V3__connections.sql", "397ba217f290d2168997d428cd9f19d46658a227deb2661e1fe5b6741ab2e6f9"),
            Map.entry("common/V4__ingestion.sql", "374fb3f3a49e7fd548b520a48bd38da00b6ae59603973e870c00b3bac61499f4"),
            Map.entry("common/V5__writeback.sql", "7a464b7244e61dbed5ee0fa780abae888e64e5943a1e1d57eaa3fb6dc7b850a8"),
            Map.entry("common/V6__bugs.sql", "6f56b1973798720ac32507430c517090e819d8d8e258ccbe525c226d7adfb3f0"),
            Map.entry("common/V7__attachments.sql", "4dd513920eb184bad74cecae3ae749111c5a2068f5935b2dad3b006d9b676fe4"),
            Map.entry("common/V8__delivery_tallies.sql", "a4a68d55842bed24bcd7a51214037a1b86c30218aaba1d9f3163320ab5ab1bd9"),
            Map.entry("common/V9__outbox_sent_index.sql", "ed3e94b5d76a7e314cf733577da5f77941d94d025abd507b40a9b56c0d279bf7"),
            Map.entry("common/V10__scheduled_tasks_unused_index.sql", "64b8605664ab980350ede453b02c378769ef6411193b3bfc1e2a72b33d90a2d4"),
            Map.entry("common/V11__bug_embedding_unused.sql", "e4feefaffd276526c140d3e70dbee7d704514522396e3a6d63a1959aac46619d"),
            Map.entry("common/V12__inbox_without_foreign_keys.sql", "a4c9e92b4e8e54ae2f0943246f0b5c4575853b654540cd1b53ea5f9b5c0b55c6"),
            Map.entry("common/V13__inbox_claim_by_connection.sql", "24187806b4bdf77dc3df5ceb31106eb9d0e2c7fa0a2611c07a44166439bd64c6"),
            Map.entry("common/V14__outbox_earlier_attempts.sql", "2d0960b15222ae07baec242df0a3748fbcfd7c0940c191436044929b7c4eaf90"),
            Map.entry("common/V15__bug_merged.sql", "8f2c9a8ccc2b63eeb64b9c7585e196f58c91ea85747694304675e881d1822a7d"),
            Map.entry("common/V16__service_catalog.sql", "303ea66b880f1068729edfcca49f2e02b7a2a5d4cc3eb4ed060e9033a3aadbc4"),
            Map.entry("common/V17__time_zones.sql", "f7392358324c9db4f80ad0ac4d05fe07abfea634bb406bc05991d6c86f0c6601"),
            Map.entry("common/V18__desk_zone_read.sql", "41527aa2019f56fbd725333e288939296f4f1884e6b0a076d5b208fd64d3818f"),
            Map.entry("common/V19__service_catalog_without_count.sql", "0d4ab66cebbca40feec1083fe184ded63b6f7921ecffa9ca60e7cd18e2656615"),
            Map.entry("common/V20__triage_zone.sql", "e8b520c7091b16e2decd0daed933bea13312235cfb7b03598862b6a253d9a98d"),
            Map.entry("common/V21__desk_zone_tried.sql", "9be7bb23fc9d8e5cc2367da537f0d85b9c708233bfc6bb88257f3a65e6cc4344")));

    @Test
    void everyMigrationIsListedWithTheContentItWasReleasedWith() throws Exception {
        assertThat(onDisk()).isEqualTo(RELEASED);
    }

    private static Map<String, String> onDisk() throws IOException, NoSuchAlgorithmException {
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                found.put(MIGRATIONS.relativize(file).toString().replace('\\', '/'), HexFormat.of().formatHex(digest));
            }
        }
        return found;
    }
}
