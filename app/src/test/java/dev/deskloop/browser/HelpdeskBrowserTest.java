package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.deskloop.TestSimulator;
import dev.deskloop.connection.Connections;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.simulator.Delivery;
import dev.deskloop.simulator.Simulator;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Browser tests with a connected desk: connect through the simulated consent screens, let the simulator send its
 * webhooks to the application, run the due jobs and look at both sides in the browser.
 *
 * <p>The shared simulator signs Zendesk webhooks with the real time, while the application runs on the
 * {@link dev.deskloop.TestClock}, which starts in March 2026 and is moved by tests. Before the simulator sends
 * anything, the test clock is moved up to the simulator's time so that the signature's timestamp is inside the
 * five-minute replay window. The test clock only moves forward, so when an earlier test has moved it past the real
 * time, the simulator's webhooks are refused (401, and Zendesk does not retry a 401); such refused deliveries are then
 * sent again byte for byte, signed with the application's time and the connection's signing secret.
 */
abstract class HelpdeskBrowserTest extends BrowserTest {

    static final Simulator SIMULATOR = TestSimulator.shared();

    /** Generous, because the machine running the tests may be busy. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    static final String EXPORT = "Since this morning the invoice export fails with a 500 error for all of our "
            + "users. Steps to reproduce: 1. Open Reports 2. Click Export invoices 3. See the error. Expected a CSV file.";
    static final String EXPORT_AGAIN = "The invoice export fails with a 500 error for all our users since "
            + "this morning. Open Reports, click Export invoices and you get the error instead of the CSV file.";
    static final String QUESTION = "Hello, could you tell me how I can change the e-mail address on our invoices? "
            + "We would like them to go to accounting. Thanks!";

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Connections connections;

    @AfterEach
    void clearFaults() {
        SIMULATOR.zendesk().faults().clear();
        SIMULATOR.intercom().faults().clear();
    }

    /** Signs in as the team's owner and connects a new Zendesk subdomain through its consent screen. */
    String connectZendesk(Fixtures.Team team) {
        String subdomain = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        signInAs(team.owner()).follow("Integrations");
        browser.fillIn("Zendesk subdomain", subdomain).press("Connect Zendesk");
        browser.press("Allow");
        assertThat(browser.find(By.id("connection-status")).getText()).isEqualTo("connected");
        jobs.runDue();
        return subdomain;
    }

    /**
     * Signs in as the team's owner and connects the simulator's one Intercom workspace, taking it from earlier tests,
     * and points the Intercom app's webhook at this application.
     */
    void connectIntercom(Fixtures.Team team) {
        jdbc.sql("update connection set status = 'disconnected' where provider = 'intercom'").update();
        SIMULATOR.intercom().faults().clear();
        signInAs(team.owner()).follow("Integrations");
        browser.press("Connect Intercom");
        browser.press("Connect");
        assertThat(browser.find(By.id("connection-status")).getText()).isEqualTo("connected");
        SIMULATOR.intercom().configureWebhook(browser.baseUrl() + "/hooks/intercom");
        SIMULATOR.awaitDeliveries(PATIENCE);
        jobs.runDue();
    }

    UUID connectionId(Fixtures.Team team) {
        return connections.active(team.workspace().id()).orElseThrow().id();
    }

    /** Creates a ticket as the customer, lets the simulator deliver its webhook and runs the due jobs. */
    ZendeskTicket customerTicket(String subdomain, String subject, String body, String email) {
        int before = beforeSimulatorActs();
        ZendeskTicket ticket = SIMULATOR.zendesk().createTicket(subdomain,
                new CustomerTicket(subject, body, "Customer " + email.substring(0, email.indexOf('@')), email, List.of()));
        deliverWebhooks(before);
        return ticket;
    }

    /**
     * To call before something makes the simulator send a webhook: moves the test clock up to the simulator's time.
     * Answers the number of deliveries so far, for {@link #deliverWebhooks(int)}.
     */
    int beforeSimulatorActs() {
        // On a whole millisecond: the database rounds timestamps to microseconds, and a job scheduled at a time
        // rounded up would not be due yet on a clock that does not move by itself.
        Instant target = SIMULATOR.clock().instant().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        if (clock.instant().isBefore(target)) {
            clock.advance(Duration.between(clock.instant(), target));
        } else if (clock.instant().getNano() % 1_000_000 != 0) {
            clock.advance(Duration.between(clock.instant(), clock.instant().truncatedTo(ChronoUnit.MILLIS).plusMillis(1)));
        }
        return SIMULATOR.deliveries().size();
    }

    /** Waits until the simulator has sent what it had to send since {@code before}, then runs the due jobs. */
    void deliverWebhooks(int before) {
        receiveWebhooks(before);
        jobs.runDue();
    }

    /** Waits until the application has received what the simulator had to send since {@code before}. */
    void receiveWebhooks(int before) {
        SIMULATOR.awaitDeliveries(PATIENCE);
        List<Delivery> sent = SIMULATOR.deliveries();
        for (Delivery delivery : sent.subList(Math.min(before, sent.size()), sent.size())) {
            if (delivery.provider().equals("zendesk") && delivery.status() == 401
                    && delivery.url().startsWith(browser.baseUrl() + "/hooks/")) {
                resendSignedNow(delivery);
            }
        }
    }

    /** Opens a page of the simulator (its own pages for people), in the same browser. */
    void openSimulator(String path) {
        browser.driver().get(SIMULATOR.baseUrl() + path);
        browser.waitUntil("the simulator's page to load", driver -> "complete".equals(
                browser.script("return document.readyState")));
    }

    /**
     * The simulator's conversation table on a Zendesk ticket or Intercom conversation page: one map per row with
     * author, kind, body and whether it is shown as a note.
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> simulatorConversation() {
        return (List<Map<String, Object>>) browser.script("""
                const table = Array.from(document.querySelectorAll('h2')).find(h => h.textContent === 'Conversation')
                    .nextElementSibling;
                return Array.from(table.querySelectorAll('tr')).slice(1).map(row => ({
                    author: row.cells[1].innerText.trim(), kind: row.cells[2].innerText.trim(),
                    body: row.cells[3].innerText.trim(), note: row.classList.contains('note')}));""");
    }

    /** Waits, patiently, until the condition holds. */
    <T> T eventually(String description, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser.driver(), PATIENCE).pollingEvery(Duration.ofMillis(200))
                .withMessage(() -> description + " on " + browser.url() + "; the page shows:\n" + browser.text())
                .until(condition);
    }

    /**
     * With {@code -Ddeskloop.browser.screenshots=all}, saves a PNG of the whole page (not only the window) and its
     * HTML to {@code target/browser-screenshots/{name}.png}, for a look at the layout.
     */
    void screenshot(String name) {
        if (!"all".equals(System.getProperty("deskloop.browser.screenshots"))) {
            return;
        }
        Path png = BrowserExtension.SCREENSHOTS.resolve(name + ".png");
        if (browser.driver() instanceof ChromeDriver chrome) {
            Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true));
            writeFile(png, Base64.getDecoder().decode((String) shot.get("data")));
        } else {
            writeFile(png, ((org.openqa.selenium.TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
        }
        browser.saveHtml(BrowserExtension.SCREENSHOTS.resolve(name + ".html"));
    }

    private void resendSignedNow(Delivery delivery) {
        String path = URI.create(delivery.url()).getPath();
        UUID connection = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
        String secret = connections.signingSecret(connection).orElseThrow();
        String timestamp = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(PATIENCE)
                .header("Content-Type", "application/json")
                .header("X-Zendesk-Webhook-Signature", zendeskSignature(secret, timestamp, delivery.body()))
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()));
        delivery.header("x-zendesk-webhook-invocation-id").ifPresent(id -> request.header("x-zendesk-webhook-invocation-id", id));
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("resending %s: %s", delivery, response.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String zendeskSignature(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeFile(Path file, byte[] content) {
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            java.nio.file.Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
