package dev.deskloop.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;

/**
 * One headless Chromium with its ChromeDriver and a fresh profile directory. The binaries are given explicitly
 * (the Debian packages, or {@code CHROME_BIN} and {@code CHROMEDRIVER}) so that Selenium Manager never downloads
 * anything; when they are missing, starting fails with a message that says what to install.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final String DEFAULT_BROWSER = "/usr/bin/chromium";
    private static final String DEFAULT_DRIVER = "/usr/bin/chromedriver";
    private static final String INSTALL_HINT = "Install both with `apt-get install -y chromium chromium-driver`, "
            + "or point CHROME_BIN and CHROMEDRIVER at a matching Chromium and ChromeDriver.";

    /*
     * Selenium warns once per start that it has no DevTools bindings for this Chromium version. The tests use no
     * DevTools session (clearing cookies goes through ChromeDriver), so the warning is only noise. Strong
     * references, because java.util.logging forgets the level of a logger nobody holds.
     */
    private static final List<Logger> QUIET = Stream.of("org.openqa.selenium.devtools.CdpVersionFinder",
            "org.openqa.selenium.chromium.ChromiumDriver").map(Logger::getLogger).toList();

    static {
        QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
    }

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static HeadlessChromium start(Path logFile) {
        Path browser = executable("CHROME_BIN", DEFAULT_BROWSER, "Chromium");
        Path chromedriver = executable("CHROMEDRIVER", DEFAULT_DRIVER, "ChromeDriver");
        Path profile = temporaryProfile();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(logFile.toFile())
                .withLogLevel(ChromiumDriverLogLevel.WARNING)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        // No password-manager bubbles or leak checks for the fixture password.
        options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
                "profile.password_manager_enabled", false, "profile.password_manager_leak_detection", false));
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
            return new HeadlessChromium(driver, profile);
        } catch (WebDriverException e) {
            delete(profile);
            throw new IllegalStateException("Headless Chromium (" + browser + ") did not start through " + chromedriver
                    + "; ChromeDriver's log is " + logFile + ". " + INSTALL_HINT, e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Forgets every cookie of every site, so the next test starts signed out. */
    void clearCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static Path executable(String variable, String fallback, String what) {
        String configured = System.getenv(variable);
        Path path = Path.of(configured == null || configured.isBlank() ? fallback : configured);
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new IllegalStateException("Browser tests need " + what + ", but " + path + " is not an executable file"
                    + (configured == null ? " (set " + variable + " to use another one)" : " (from " + variable + ")")
                    + ". " + INSTALL_HINT);
        }
        return path;
    }

    private static Path temporaryProfile() {
        try {
            return Files.createTempDirectory("deskloop-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Chromium may still be writing into its profile while it exits; a leftover temp dir is harmless.
        }
    }
}
