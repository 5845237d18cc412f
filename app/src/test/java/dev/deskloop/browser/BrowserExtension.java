package dev.deskloop.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Gives each browser test a {@link Browser}: one headless Chromium per JVM (closed when the test run ends), all
 * cookies cleared before every test so that each starts signed out, pointed at the application's port.
 * When a test fails, it saves a PNG screenshot and the page's HTML to {@code target/browser-screenshots/}; with
 * {@code -Ddeskloop.browser.screenshots=all} it saves them after passing tests too, for a look at the layout.
 */
public final class BrowserExtension implements BeforeEachCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);

    static final Path OUTPUT = Path.of(System.getProperty("basedir", "."), "target");
    static final Path SCREENSHOTS = OUTPUT.resolve("browser-screenshots");

    @Override
    public void beforeEach(ExtensionContext context) {
        HeadlessChromium chromium = chromium(context);
        chromium.clearCookies();
        chromium.driver().get("about:blank");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Browser resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String port = SpringExtension.getApplicationContext(context).getEnvironment().getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("No local.server.port: browser tests need "
                    + "a real port (@SpringBootTest(webEnvironment = DEFINED_PORT)); extend BrowserTest");
        }
        Browser browser = new Browser(chromium(context).driver(), URI.create("http://localhost:" + port));
        context.getStore(NAMESPACE).put(Browser.class, browser);
        return browser;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        save(context);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        if ("all".equals(System.getProperty("deskloop.browser.screenshots"))) {
            save(context);
        }
    }

    private static HeadlessChromium chromium(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(HeadlessChromium.class, type -> HeadlessChromium.start(logFile()), HeadlessChromium.class);
    }

    /** Saves what the test's browser shows now, if the test got as far as having one. */
    private static void save(ExtensionContext context) {
        Browser browser = context.getStore(NAMESPACE).get(Browser.class, Browser.class);
        if (browser == null) {
            return;
        }
        String name = fileName(context);
        try {
            Path png = browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
            browser.saveHtml(SCREENSHOTS.resolve(name + ".html"));
            System.err.println("Browser at " + browser.url() + " when " + name + " ended; screenshot: " + png.toAbsolutePath());
        } catch (RuntimeException e) {
            System.err.println("Could not save a screenshot of " + name + ": " + e);
        }
    }

    /** {@code Class.method}, plus the invocation for parameterized tests so that they do not overwrite each other. */
    private static String fileName(ExtensionContext context) {
        String method = context.getRequiredTestMethod().getName();
        String name = context.getRequiredTestClass().getSimpleName() + "." + method;
        String display = context.getDisplayName();
        return display.startsWith(method + "(") ? name : name + "-" + display.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    private static Path logFile() {
        try {
            Files.createDirectories(OUTPUT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OUTPUT.resolve("chromedriver.log");
    }
}
