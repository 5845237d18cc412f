package dev.deskloop.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.deskloop.TestClock;
import dev.deskloop.TestDatabases;
import dev.deskloop.TestSimulator;
import dev.deskloop.workspace.Account;
import dev.deskloop.workspace.Fixtures;
import dev.deskloop.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every browser test: the application on a free port with the same database choice, test clock and shared
 * Zendesk and Intercom simulator as the integration tests, and a signed-out {@link Browser} per test. All subclasses
 * share one Spring context and one Chromium; each test creates its own accounts and workspaces through
 * {@link Fixtures}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(BrowserTest.TestBeans.class)
@ExtendWith(BrowserExtension.class)
public abstract class BrowserTest {

    private static final Path DATA_DIR = createDataDir();

    /**
     * Chosen before the application starts, because Deskloop's public URL must name it: the OAuth redirect URI the
     * simulators send the browser back to, and the setup links, are built from it.
     */
    private static final int PORT = freePort();

    @Autowired
    protected Fixtures fixtures;

    @Autowired
    protected TestClock clock;

    protected Browser browser;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
        registry.add("deskloop.data-dir", DATA_DIR::toString);
        registry.add("server.port", () -> PORT);
        registry.add("deskloop.public-url", () -> "http://localhost:" + PORT);
        TestSimulator.register(registry, TestSimulator.shared());
    }

    @BeforeEach
    void startSignedOut(Browser browser) {
        this.browser = browser;
    }

    /** Signs in with the password every fixture account has. */
    protected Browser signInAs(Account account) {
        return browser.signIn(account.email(), Fixtures.PASSWORD);
    }

    /** The path of a workspace page: {@code page(w, "members")} is {@code /w/{id}/members}; no page is the overview. */
    protected static String page(Workspace workspace, String... page) {
        return "/w/" + workspace.id() + (page.length == 0 ? "" : "/" + String.join("/", page));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDataDir() {
        try {
            Path dir = Files.createTempDirectory("deskloop-browser-test");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
