package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.deskloop.ingest.Inbox;
import dev.deskloop.ingest.InboxEntry;
import dev.deskloop.ingest.InboxStatus;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** Deliveries: every webhook received with its status, and Retry for a dead letter. */
class DeliveriesBrowserIT extends HelpdeskBrowserTest {

    private static final int EVENT = 2;
    private static final int TOPIC = 3;
    private static final int STATUS = 4;
    private static final int ATTEMPTS = 5;
    private static final int ERROR = 6;

    @Autowired
    Inbox inbox;

    private UUID workspace;

    @Test
    void aProcessedDeliveryIsDoneAndADeadLetterIsRequeuedByRetry() {
        var team = fixtures.team("deliveries");
        workspace = team.workspace().id();
        String subdomain = connectZendesk(team);
        customerTicket(subdomain, "Invoice export broken", EXPORT, "ann@example.com");

        browser.follow("Deliveries");

        assertThat(browser.rows("deliveries")).singleElement().satisfies(delivery -> {
            assertThat(delivery.get(1)).isEqualTo("Zendesk");
            assertThat(delivery.get(TOPIC)).isEqualTo("ticket.created");
            assertThat(delivery.get(STATUS)).isEqualTo("done");
        });
        assertThat(browser.find(By.id("status-filter")).getText()).contains("done (1)", "dead (0)");
        assertThat(browser.showsButton("Retry")).isFalse();

        // Zendesk answers every API call with a server error: fetching the ticket fails until it is dead-lettered.
        // The faults go on before the delivery is processed (its webhook is not an API call and still arrives).
        int before = beforeSimulatorActs();
        ZendeskTicket flaky = SIMULATOR.zendesk().createTicket(subdomain,
                new CustomerTicket("Flaky export", EXPORT_AGAIN, "Bob", "bob@example.com", List.of()));
        SIMULATOR.zendesk().faults().failNext(1000);
        receiveWebhooks(before);
        InboxEntry dead = failUntilDead(flaky.id());
        assertThat(dead.attempts()).isEqualTo(8);

        browser.reload();
        List<String> row = deliveryRow(dead);
        assertThat(row.get(STATUS)).isEqualTo("dead");
        assertThat(row.get(ATTEMPTS)).isEqualTo("8");
        assertThat(row.get(ERROR)).contains("503");
        assertThat(browser.find(By.id("status-filter")).getText()).contains("dead (1)");

        SIMULATOR.zendesk().faults().clear();
        browser.press("Retry", browser.row(dead.eventId()));

        assertThat(browser.path()).endsWith(page(team.workspace(), "deliveries"));
        assertThat(browser.flash()).isEqualTo("The delivery is queued again.");
        assertThat(deliveryRow(dead).get(STATUS)).isNotEqualTo("dead");
        assertThat(browser.showsButton("Retry")).isFalse();

        jobs.runDue();
        browser.reload();

        assertThat(deliveryRow(dead).get(STATUS)).isEqualTo("done");
        assertThat(browser.rows("deliveries")).extracting(delivery -> delivery.get(STATUS)).containsOnly("done");
        browser.follow("Tickets");
        assertThat(browser.showsRow("Zendesk #" + flaky.id())).isTrue();
        browser.follow("Audit log");
        assertThat(browser.rows("audit-events")).extracting(event -> event.get(2))
                .contains("webhook.dead_lettered", "webhook.retried");
    }

    /** Runs the due jobs, moving the clock to each retry, until the delivery is dead-lettered. */
    private InboxEntry failUntilDead(long ticketId) {
        for (int round = 0; round < 20; round++) {
            jobs.runDue();
            InboxEntry entry = deliveryOf(ticketId);
            if (entry.status() == InboxStatus.DEAD) {
                return entry;
            }
            if (entry.nextAttemptAt() != null && entry.nextAttemptAt().isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), entry.nextAttemptAt()).plusSeconds(1));
            } else {
                clock.advance(Duration.ofSeconds(1));
            }
        }
        throw new AssertionError("the delivery was not dead-lettered: " + deliveryOf(ticketId));
    }

    /** The delivery of this ticket's creation (deliveries on the frozen test clock share their received time). */
    private InboxEntry deliveryOf(long ticketId) {
        return inbox.recent(workspace, null, 50).stream()
                .filter(entry -> entry.eventId().startsWith("ticket.created:" + ticketId + ":"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no delivery for ticket " + ticketId));
    }

    private List<String> deliveryRow(InboxEntry entry) {
        return browser.cells(browser.row(entry.eventId()));
    }
}
