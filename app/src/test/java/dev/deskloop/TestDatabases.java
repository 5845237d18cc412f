package dev.deskloop;

import java.util.Locale;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Chooses the database of an integration test run from the system property {@code deskloop.test.database}:
 * {@code h2} (a fresh in-memory database per Spring context) or {@code postgres} (a fresh schema per context in
 * the database named by {@code DESKLOOP_TEST_POSTGRES_URL}). Asking for PostgreSQL without that variable fails
 * the run instead of quietly testing H2 twice.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static String current() {
        return System.getProperty("deskloop.test.database", "h2").toLowerCase(Locale.ROOT);
    }

    public static void register(DynamicPropertyRegistry registry) {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        switch (current()) {
            case "h2" -> {
                registry.add("deskloop.database-url", () -> "jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
                registry.add("deskloop.database-user", () -> "sa");
                registry.add("deskloop.database-password", () -> "");
            }
            case "postgres" -> {
                String url = System.getenv("DESKLOOP_TEST_POSTGRES_URL");
                if (url == null || url.isBlank()) {
                    throw new IllegalStateException("deskloop.test.database=postgres needs DESKLOOP_TEST_POSTGRES_URL "
                            + "(for example jdbc:postgresql://127.0.0.1:5432/deskloop_test)");
                }
                String separator = url.contains("?") ? "&" : "?";
                registry.add("deskloop.database-url", () -> url + separator + "currentSchema=" + name);
                registry.add("spring.flyway.schemas", () -> name);
                registry.add("spring.flyway.default-schema", () -> name);
                registry.add("deskloop.database-user", () -> env("DESKLOOP_TEST_POSTGRES_USER", "deskloop"));
                registry.add("deskloop.database-password", () -> env("DESKLOOP_TEST_POSTGRES_PASSWORD", ""));
            }
            default -> throw new IllegalStateException("Unknown deskloop.test.database '" + current()
                    + "'; use h2 or postgres");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
