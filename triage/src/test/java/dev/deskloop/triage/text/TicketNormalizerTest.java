package dev.deskloop.triage.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.TicketMessage;
import dev.deskloop.triage.TicketMessage.Author;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketNormalizerTest {

    private static final Instant CREATED = Instant.parse("2026-03-14T09:12:00Z");

    private static TicketDocument ticket(String subject, TicketMessage... messages) {
        return new TicketDocument("1", TicketDocument.Source.ZENDESK, subject, CREATED, null, List.of(),
                List.of(messages));
    }

    @Test
    void stripsQuotedReplyAfterWroteHeader() {
        String body = "Tried that, same error after Sync now.\n\nOn Tue, Aug 25, 2026 at 3:35 PM Tidewell Support "
                + "<support@tidewell.example.com> wrote:\n> Hi Lily, could you reconnect QuickBooks?\n> Thanks";

        assertThat(TicketNormalizer.messageText(body)).isEqualTo("Tried that, same error after Sync now.");
    }

    @Test
    void stripsWrappedWroteHeaderAndOutlookHeaders() {
        String wrapped = "New info below.\nOn Mon, Feb 2, 2026 at 10:21 AM Tidewell Customer Care <support@x.com>\n"
                + "wrote:\nold";
        String outlook = "Please check.\n\nFrom: Support <support@x.com>\nSent: Monday\nTo: me\nSubject: Re: bug\n\nold";

        assertThat(TicketNormalizer.messageText(wrapped)).isEqualTo("New info below.");
        assertThat(TicketNormalizer.messageText(outlook)).isEqualTo("Please check.");
    }

    @Test
    void stripsZendeskReplyMarkerAndQuotedLines() {
        String body = "It works now!\n##- Please type your reply above this line -##\nYour request was updated";

        assertThat(TicketNormalizer.messageText(body)).isEqualTo("It works now!");
        assertThat(TicketNormalizer.messageText("> quoted\nmine")).isEqualTo("mine");
    }

    @Test
    void stripsSignaturesAndSignOffs() {
        String dashes = "The export is empty.\n-- \nJane Doe\nAcme Plumbing\n555-0100";
        String closing = "The export is empty.\nCan you check?\n\nThanks,\nJane Doe\nOffice Manager\nAcme Plumbing";
        String device = "App crashes on launch.\n\nSent from my iPhone";

        assertThat(TicketNormalizer.messageText(dashes)).isEqualTo("The export is empty.");
        assertThat(TicketNormalizer.messageText(closing)).isEqualTo("The export is empty.\nCan you check?");
        assertThat(TicketNormalizer.messageText(device)).isEqualTo("App crashes on launch.");
    }

    @Test
    void keepsAClosingWordInTheMiddleOfTheText() {
        String body = "Thanks for the quick fix yesterday.\nToday the report is empty again, the totals row is missing, "
                + "and the CSV has no header. We rely on it for payroll every Friday morning.";

        assertThat(TicketNormalizer.messageText(body)).isEqualTo(body);
    }

    @Test
    void keepsCustomerAndAgentMessagesApartAndIgnoresBots() {
        var document = ticket("Re: Fwd: Sync broken",
                TicketMessage.fromCustomer("<p>Sync is broken since Monday.</p>", CREATED),
                new TicketMessage(Author.BOT, true, "We're here to help!", CREATED),
                new TicketMessage(Author.AGENT, false, "Escalating to engineering (internal)", CREATED),
                TicketMessage.fromCustomer("Still broken.", CREATED));

        NormalizedTicket ticket = TicketNormalizer.normalize(document);

        assertThat(ticket.subject()).isEqualTo("Sync broken");
        assertThat(ticket.customerMessages()).extracting(MessageText::text)
                .containsExactly("Sync is broken since Monday.", "Still broken.");
        assertThat(ticket.agentMessages()).singleElement()
                .satisfies(m -> assertThat(m.isPublic()).isFalse());
        assertThat(ticket.customerText()).doesNotContain("here to help").doesNotContain("Escalating");
    }

    @Test
    void classifiesOnlyTheBeginningOfALongTicketButKeepsAllCustomerText() {
        String longBody = "The dispatch board is slow. " + "Details follow. ".repeat(20_000) + "THE END";
        NormalizedTicket ticket = TicketNormalizer.normalize(ticket("Slow", TicketMessage.fromCustomer(longBody,
                CREATED)));

        assertThat(ticket.classificationBody()).hasSizeLessThanOrEqualTo(NormalizedTicket.CLASSIFICATION_CHARS)
                .startsWith("The dispatch board is slow.");
        assertThat(ticket.customerText()).endsWith("THE END");
    }

    @Test
    void dropsTheGreetingFromWhatTheClassifierReads() {
        NormalizedTicket ticket = TicketNormalizer.normalize(ticket(null,
                TicketMessage.fromCustomer("Hi team,\nThe invoice PDF is blank.", CREATED)));

        assertThat(ticket.classificationBody()).isEqualTo("The invoice PDF is blank.");
        assertThat(ticket.customerText()).startsWith("Hi team,");
    }

    @Test
    void fallsBackToPublicAgentTextWhenTheCustomerWroteNothing() {
        NormalizedTicket ticket = TicketNormalizer.normalize(ticket("Phone call",
                new TicketMessage(Author.AGENT, true, "Customer called: cannot log in since the reset.", CREATED)));

        assertThat(ticket.hasCustomerText()).isFalse();
        assertThat(ticket.readableText()).isEqualTo("Customer called: cannot log in since the reset.");
    }

    @Test
    void removesControlCharactersFromBinaryLookingBodies() {
        String text = TicketNormalizer.messageText("abc\u0000\u0001\u0002def\u007F");

        assertThat(text).doesNotContain("\u0000").contains("abc").contains("def");
    }
}
