package dev.deskloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The whole path as a person sees it (issue 7, item 8): a customer writes to the simulated desk on the simulator's
 * own page, and the simulator's ticket view then shows what Deskloop wrote back: the internal note, and in
 * {@code both} mode also the public reply from the template.
 */
class SimulatorWritebackBrowserIT extends HelpdeskBrowserTest {

    private static final String ZENDESK_FORM = "/ui/zendesk/tickets";
    private static final String INTERCOM_FORM = "/ui/intercom/conversations";
    private static final String TEMPLATE = "Hi {{requesterName}}, thanks for reporting ticket {{ticketId}}. We are on it.";

    @Test
    void aZendeskBugTicketCreatedOnTheSimulatorPageGetsTheInternalNote() {
        var team = fixtures.team("zendesk-note");
        String subdomain = connectZendesk(team);

        long ticket = createZendeskTicketOnTheSimulatorPage(subdomain, "Invoice export broken", EXPORT);

        List<Map<String, Object>> conversation = simulatorConversation();
        assertThat(conversation).filteredOn(comment -> Boolean.TRUE.equals(comment.get("note"))).singleElement()
                .satisfies(note -> {
                    assertThat(note.get("kind")).isEqualTo("internal note");
                    assertThat(String.valueOf(note.get("author"))).contains("(API)");
                    assertThat(String.valueOf(note.get("body"))).contains("Deskloop triage: bug, severity",
                            "Open in Deskloop", "Deskloop ref ");
                });
        assertThat(conversation).filteredOn(comment -> String.valueOf(comment.get("author")).contains("(API)")
                && "public reply".equals(comment.get("kind"))).as("no public reply in internal mode").isEmpty();
        screenshot("SimulatorWritebackBrowserIT.zendeskInternal");
        // The page shows the note as text; its link to the ticket in Deskloop is in the HTML Zendesk stored.
        assertThat(SIMULATOR.zendesk().ticket(subdomain, ticket).orElseThrow().comments())
                .filteredOn(comment -> !comment.isPublic()).singleElement()
                .satisfies(note -> assertThat(note.htmlBody()).contains(browser.baseUrl() + "/w/" + team.workspace().id() + "/tickets/"));
    }

    @Test
    void inBothModeAZendeskBugTicketGetsTheNoteAndOnePublicReply() {
        var team = fixtures.team("zendesk-both");
        String subdomain = connectZendesk(team);
        setPostingModeToBoth(team);

        long ticket = createZendeskTicketOnTheSimulatorPage(subdomain, "Invoice export broken", EXPORT);

        List<Map<String, Object>> conversation = simulatorConversation();
        assertThat(conversation).filteredOn(comment -> Boolean.TRUE.equals(comment.get("note"))).singleElement()
                .satisfies(note -> assertThat(String.valueOf(note.get("body"))).contains("Deskloop triage: bug"));
        assertThat(conversation).filteredOn(comment -> String.valueOf(comment.get("author")).contains("(API)")
                && "public reply".equals(comment.get("kind"))).singleElement()
                .satisfies(reply -> assertThat(String.valueOf(reply.get("body")))
                        .contains("Hi Casey Customer, thanks for reporting ticket " + ticket + ". We are on it."));
        screenshot("SimulatorWritebackBrowserIT.zendeskBoth");
    }

    @Test
    void anIntercomConversationStartedOnTheSimulatorPageGetsTheNoteAndInBothModeOnePublicReply() {
        var team = fixtures.team("intercom-both");
        connectIntercom(team);
        setPostingModeToBoth(team);

        openSimulator("/");
        int before = beforeSimulatorActs();
        fill(INTERCOM_FORM, "subject", "Invoice export broken");
        fill(INTERCOM_FORM, "body", EXPORT);
        browser.press("Start conversation");
        assertThat(browser.heading()).startsWith("Intercom conversation ");
        deliverWebhooks(before);
        browser.reload();

        List<Map<String, Object>> conversation = simulatorConversation();
        assertThat(conversation).filteredOn(part -> Boolean.TRUE.equals(part.get("note"))).singleElement()
                .satisfies(note -> {
                    assertThat(String.valueOf(note.get("author"))).contains("(API)");
                    assertThat(String.valueOf(note.get("body"))).contains("Deskloop triage: bug");
                });
        assertThat(conversation).filteredOn(part -> String.valueOf(part.get("author")).contains("(API)")
                && !Boolean.TRUE.equals(part.get("note"))).singleElement()
                .satisfies(reply -> assertThat(String.valueOf(reply.get("body"))).contains("Hi Casey Customer, thanks for reporting ticket"));
        screenshot("SimulatorWritebackBrowserIT.intercomBoth");
    }

    /** Creates the ticket with the simulator's form for people and waits for Deskloop to have written back. */
    private long createZendeskTicketOnTheSimulatorPage(String subdomain, String subject, String body) {
        openSimulator("/");
        int before = beforeSimulatorActs();
        fill(ZENDESK_FORM, "subdomain", subdomain);
        fill(ZENDESK_FORM, "subject", subject);
        fill(ZENDESK_FORM, "body", body);
        browser.press("Create ticket");
        String path = browser.path();
        assertThat(path).startsWith("/ui/zendesk/" + subdomain + "/tickets/");
        long ticket = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        assertThat(browser.heading()).isEqualTo("Zendesk " + subdomain + " · ticket #" + ticket + ": " + subject);
        deliverWebhooks(before);
        browser.reload();
        return ticket;
    }

    /** Settings → Integrations → Write-back settings: posting mode both, with a reply template. */
    private void setPostingModeToBoth(Fixtures.Team team) {
        browser.open(page(team.workspace(), "settings", "integrations")).follow("Write-back settings");
        browser.choose("Result posting mode", "both").fillIn("Public reply template", TEMPLATE).press("Save");
        assertThat(browser.flash()).isEqualTo("Saved.");
    }

    /** The simulator's forms wrap their fields in labels without ids: a field is found by its form and name. */
    private void fill(String formAction, String name, String value) {
        var field = browser.find(By.cssSelector("form[action='" + formAction + "'] [name='" + name + "']"));
        field.clear();
        field.sendKeys(value);
    }
}
