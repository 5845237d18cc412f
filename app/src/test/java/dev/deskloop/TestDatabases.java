package dev.deskloop;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
        properties(name).forEach((key, value) -> registry.add(key, () -> value));
    }

    /**
     * The properties that point a context at the database called {@code name} on the database under test; two
     * contexts given the same name share one database (H2 in memory in this JVM, or one PostgreSQL schema).
     */
    public static Map<String, String> properties(String name) {
        Map<String, String> properties = new LinkedHashMap<>();
        switch (current()) {
            case "h2" -> {
                properties.put("deskloop.database-url", "jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
                properties.put("deskloop.database-user", "sa");
                properties.put("deskloop.database-password", "");
            }
            case "postgres" -> {
                String url = System.getenv("DESKLOOP_TEST_POSTGRES_URL");
                if (url == null || url.isBlank()) {
                    throw new IllegalStateException("deskloop.test.database=postgres needs DESKLOOP_TEST_POSTGRES_URL "
                            + "(for example jdbc:postgresql://127.0.0.1:5432/deskloop_test)");
                }
                String separator = url.contains("?") ? "&" : "?";
                properties.put("deskloop.database-url", url + separator + "currentSchema=" + name);
                properties.put("spring.flyway.schemas", name);
                properties.put("spring.flyway.default-schema", name);
                properties.put("deskloop.database-user", env("DESKLOOP_TEST_POSTGRES_USER", "deskloop"));
                properties.put("deskloop.database-password", env("DESKLOOP_TEST_POSTGRES_PASSWORD", ""));
            }
            default -> throw new IllegalStateException("Unknown deskloop.test.database '" + current()
                    + "'; use h2 or postgres");
        }
        return properties;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
