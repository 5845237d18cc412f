package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.deskloop.simulator.zendesk.ZendeskTicket;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Bugs: similar bug tickets grouped into one bug, and "Mark fix shipped" sending one RCA reply per ticket. */
class BugsBrowserIT extends HelpdeskBrowserTest {

    private static final String RCA = "A database migration broke the invoice export <for everyone>.\n\n"
            + "We fixed it & added a test.";

    @Test
    void twoSimilarTicketsShareOneBugAndShippingItRepliesOnceToEachTicket() {
        var team = fixtures.team("bugs");
        String subdomain = connectZendesk(team);
        ZendeskTicket first = customerTicket(subdomain, "Invoice export broken", EXPORT, "ann@example.com");
        ZendeskTicket second = customerTicket(subdomain, "Export of invoices gives 500", EXPORT_AGAIN, "bob@example.com");

        browser.follow("Bugs");

        assertThat(browser.rows("bugs")).singleElement().satisfies(bug -> {
            assertThat(bug.getFirst()).isEqualTo("Invoice export broken");
            assertThat(bug.get(2)).isEqualTo("open");
            assertThat(bug.get(3)).as("tickets").isEqualTo("2");
            assertThat(bug.get(4)).as("customers affected").isEqualTo("2");
        });

        browser.follow("Invoice export broken");

        assertThat(browser.heading()).isEqualTo("Invoice export broken");
        assertThat(browser.find(By.id("bug-status")).getText()).isEqualTo("open");
        assertThat(browser.rows("linked-tickets")).extracting(ticket -> ticket.getFirst())
                .containsExactlyInAnyOrder("zendesk #" + first.id(), "zendesk #" + second.id());
        assertThat(browser.rows("linked-tickets")).extracting(ticket -> ticket.get(2))
                .containsExactlyInAnyOrder("ann@example.com", "bob@example.com");
        assertThat(browser.find(By.id("customers-count")).getText()).isEqualTo("2");
        assertThat(browser.find(By.id("affected-customers")).getText().lines())
                .containsExactly("ann@example.com", "bob@example.com");

        browser.fillIn("Root cause, as the customer will read it", RCA).press("Mark fix shipped");

        assertThat(browser.flash()).isEqualTo("Marked fix shipped. The RCA goes to every linked ticket.");
        assertThat(browser.find(By.id("bug-status")).getText()).isEqualTo("fix shipped");
        assertThat(browser.find(By.id("rca")).getText()).contains("<for everyone>", "We fixed it & added a test.");
        assertThat(browser.showsButton("Mark fix shipped")).isFalse();
        browser.follow("All bugs");
        browser.follow("fix shipped");
        assertThat(browser.path()).contains("status=fix_shipped");
        assertThat(browser.rows("bugs")).singleElement()
                .satisfies(bug -> assertThat(bug.get(2)).isEqualTo("fix shipped"));

        jobs.runDue();
        jobs.runDue();

        for (ZendeskTicket ticket : List.of(first, second)) {
            openSimulator("/ui/zendesk/" + subdomain + "/tickets/" + ticket.id());
            List<Map<String, Object>> rca = simulatorConversation().stream()
                    .filter(comment -> "public reply".equals(comment.get("kind")))
                    .filter(comment -> String.valueOf(comment.get("body")).contains("database migration"))
                    .toList();
            assertThat(rca).as("RCA replies on ticket %s", ticket.id()).singleElement().satisfies(reply -> {
                assertThat(String.valueOf(reply.get("author"))).contains("(API)");
                assertThat(String.valueOf(reply.get("body"))).contains("<for everyone>", "We fixed it & added a test.");
            });
            screenshot("BugsBrowserIT.simulatorTicket" + (ticket == first ? "1" : "2"));
        }
    }
}
