package dev.deskloop;

import java.nio.file.Path;

import dev.deskloop.simulator.Simulator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of every test that needs the application and a database. All subclasses share one Spring context (and so
 * one database) per run; each test creates its own accounts and workspaces, so tests never depend on each other.
 * The same classes run on H2 and, in CI, on PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(IntegrationTest.TestBeans.class)
public abstract class IntegrationTest {

    private static final Path DATA_DIR = createDataDir();

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TestClock clock;

    /** The Zendesk and Intercom simulators the whole test context talks to. */
    protected static final Simulator SIMULATOR = TestSimulator.shared();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
        registry.add("deskloop.data-dir", DATA_DIR::toString);
        TestSimulator.register(registry, SIMULATOR);
        // Nothing listens here: webhooks the simulator sends from these tests go nowhere.
        registry.add("deskloop.public-url", () -> "http://127.0.0.1:9");
    }

    private static Path createDataDir() {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("deskloop-test");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // final: Spring Framework 7.1 would otherwise take a non-final nested configuration class for the whole
    // context configuration instead of finding DeskloopApplication.
    @TestConfiguration(proxyBeanMethods = false)
    static final class TestBeans {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

}
