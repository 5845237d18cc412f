package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.deskloop.simulator.zendesk.ZendeskTicket;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Tickets: the list with each ticket's triage, its filters, and one ticket's page. */
class TicketsBrowserIT extends HelpdeskBrowserTest {

    private static final int TICKET = 0;
    private static final int REQUESTER = 2;
    private static final int CATEGORY = 3;
    private static final int SEVERITY = 4;

    @Test
    void aBugTicketIsListedWithItsTriageFiltersByCategoryAndShowsMessagesTriageNotesAndTimeline() {
        var team = fixtures.team("tickets");
        String subdomain = connectZendesk(team);
        ZendeskTicket bug = customerTicket(subdomain, "Invoice export broken", EXPORT, "ann@example.com");
        ZendeskTicket question = customerTicket(subdomain, "Invoice e-mail address", QUESTION, "bob@example.com");
        String bugLink = "Zendesk #" + bug.id();
        String questionLink = "Zendesk #" + question.id();

        browser.follow("Tickets");

        assertThat(browser.rows("tickets")).hasSize(2);
        List<String> bugRow = browser.cells(browser.row(bugLink));
        assertThat(bugRow.get(1)).isEqualTo("Invoice export broken");
        assertThat(bugRow.get(REQUESTER)).isEqualTo("ann@example.com");
        assertThat(bugRow.get(CATEGORY)).isEqualTo("bug");
        assertThat(bugRow.get(SEVERITY)).isIn("critical", "high", "medium", "low");
        String questionCategory = browser.cells(browser.row(questionLink)).get(CATEGORY);
        assertThat(questionCategory).isNotIn("bug", "not triaged yet", "");

        browser.choose("Category", "bug").press("Filter");
        assertThat(browser.path()).contains("category=bug");
        assertThat(browser.rows("tickets")).extracting(row -> row.get(TICKET)).containsExactly(bugLink);

        browser.choose("Category", questionCategory).press("Filter");
        assertThat(browser.rows("tickets")).extracting(row -> row.get(TICKET)).containsExactly(questionLink);

        browser.choose("Category", "any").choose("Severity", bugRow.get(SEVERITY)).press("Filter");
        assertThat(browser.rows("tickets")).extracting(row -> row.get(TICKET)).contains(bugLink)
                .doesNotContain(questionLink);

        browser.follow(bugLink);

        assertThat(browser.heading()).isEqualTo(bugLink + ": Invoice export broken");
        assertThat(browser.find(By.id("triage-category")).getText()).isEqualTo("bug");
        assertThat(browser.find(By.id("triage-severity")).getText()).isEqualTo(bugRow.get(SEVERITY));
        assertThat(browser.find(By.id("triage")).getText()).contains("Triage", "version 1", "Confidence", "Engine builtin");
        WebElement writes = browser.find(By.id("writes"));
        assertThat(writes.findElement(By.tagName("h2")).getText()).isEqualTo("Notes posted");
        assertThat(browser.rows("writes-table")).singleElement()
                .satisfies(write -> assertThat(write).containsSubsequence("triage_note", "sent"));
        WebElement timeline = browser.find(By.id("timeline"));
        assertThat(timeline.findElement(By.tagName("h2")).getText()).isEqualTo("Timeline");
        assertThat(timeline.getText()).contains("internal note posted (triage_note)");
        WebElement messages = browser.find(By.id("messages"));
        assertThat(messages.getText()).contains("customer", "public", EXPORT);
        screenshot("TicketsBrowserIT.ticketDetail");
    }
}
