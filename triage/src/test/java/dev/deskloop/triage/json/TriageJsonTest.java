package dev.deskloop.triage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskloop.triage.Category;
import dev.deskloop.triage.Severity;
import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.TicketMessage;
import dev.deskloop.triage.TimeWindow;
import dev.deskloop.triage.Triage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriageJsonTest {

    private static final String DOCUMENT = """
            {"id": "42", "source": "zendesk", "subject": "Export broken", "created_at": "2026-03-14T09:12:00Z",
             "requester": {"name": "Ann", "email": "ann@example.com"}, "tags": ["needs-engineering"],
             "messages": [{"author": "customer", "public": true, "body": "<p>CSV is empty</p>",
                           "created_at": "2026-03-14T09:12:00Z"},
                          {"author": "agent", "public": false, "body": "looking"}]}
            """;

    @Test
    void readsTheContractsDocument() {
        TicketDocument document = TriageJson.readDocument(DOCUMENT);

        assertThat(document.id()).isEqualTo("42");
        assertThat(document.source()).isEqualTo(TicketDocument.Source.ZENDESK);
        assertThat(document.createdAt()).isEqualTo(Instant.parse("2026-03-14T09:12:00Z"));
        assertThat(document.requester().email()).isEqualTo("ann@example.com");
        assertThat(document.tags()).containsExactly("needs-engineering");
        assertThat(document.messages()).extracting(TicketMessage::author)
                .containsExactly(TicketMessage.Author.CUSTOMER, TicketMessage.Author.AGENT);
        assertThat(document.messages().get(1).isPublic()).isFalse();
        assertThat(document.messages().get(1).createdAt()).isNull();
    }

    @Test
    void acceptsMinimalDocumentsAndNumericIds() {
        TicketDocument document = TriageJson.readDocument(
                "{\"id\": 7, \"created_at\": \"2026-03-14T10:12:00+01:00\", \"messages\": []}");

        assertThat(document.id()).isEqualTo("7");
        assertThat(document.source()).isEqualTo(TicketDocument.Source.OTHER);
        assertThat(document.createdAt()).isEqualTo(Instant.parse("2026-03-14T09:12:00Z"));
        assertThat(document.subject()).isNull();
    }

    @Test
    void namesTheFieldOfAnInvalidDocument() {
        assertThatThrownBy(() -> TriageJson.readDocument("{\"messages\": []}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("created_at")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("created_at");
        assertThatThrownBy(() -> TriageJson.readDocument(
                "{\"created_at\": \"2026-03-14T09:12:00Z\", \"messages\": [{\"author\": \"robot\", \"body\": \"x\"}]}"))
                .hasMessageContaining("messages[0].author").hasMessageContaining("robot");
        assertThatThrownBy(() -> TriageJson.readDocument(
                "{\"created_at\": \"yesterday\", \"messages\": []}"))
                .hasMessageContaining("created_at").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> TriageJson.readDocument("{not json"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> TriageJson.readDocument("[1, 2]")).hasMessageContaining("JSON object");
    }

    @Test
    void writesTheContractsFieldNamesInOrder() {
        var triage = new Triage(Category.BUG, true, Severity.HIGH, 0.877, List.of("Open invoice", "Click Send"),
                "invoice is sent", "red banner", "150 invoices blocked", "Can't send any invoices", "Invoicing",
                new TimeWindow(Instant.parse("2026-03-14T07:12:00Z"), Instant.parse("2026-03-14T09:12:00Z")),
                "builtin/0.2.0");

        String json = TriageJson.writeTriage(triage);

        assertThat(json).isEqualTo("{\"category\":\"bug\",\"is_bug\":true,\"severity\":\"high\",\"confidence\":0.877,"
                + "\"repro_steps\":[\"Open invoice\",\"Click Send\"],\"expected\":\"invoice is sent\","
                + "\"actual\":\"red banner\",\"customer_impact\":\"150 invoices blocked\","
                + "\"customer_quote\":\"Can't send any invoices\",\"affected_service\":\"Invoicing\","
                + "\"time_window\":{\"start\":\"2026-03-14T07:12:00Z\",\"end\":\"2026-03-14T09:12:00Z\"},"
                + "\"engine\":\"builtin/0.2.0\"}");
        assertThat(TriageJson.readTriage(json)).isEqualTo(triage);
    }

    @Test
    void writesNullsForAbsentValues() {
        var triage = new Triage(Category.QUESTION, false, null, 0.5, List.of(), null, null, null, "How do I?", null,
                TimeWindow.before(Instant.parse("2026-03-14T09:12:00Z"), java.time.Duration.ofHours(2)), "builtin/0.2.0");

        assertThat(TriageJson.writeTriage(triage)).contains("\"severity\":null").contains("\"affected_service\":null")
                .contains("\"expected\":null").contains("\"is_bug\":false");
    }

    @Test
    void readsServiceCatalogs() {
        var catalog = TriageJson.readCatalog("""
                services:
                  - name: Billing
                    description: Subscriptions and invoices
                    keywords: [refund, invoice]
                  - name: Search
                """);

        assertThat(catalog.services()).hasSize(2);
        assertThat(catalog.byName("Billing")).get().extracting(s -> s.keywords()).asList()
                .containsExactly("refund", "invoice");
        assertThat(catalog.byName("Search")).get().extracting(s -> s.description()).isEqualTo("");
    }

    @Test
    void acceptsAnEmptyCatalogAndRejectsBrokenOnes() {
        assertThat(TriageJson.readCatalog("services: []").services()).isEmpty();
        assertThatThrownBy(() -> TriageJson.readCatalog("servics: []")).hasMessageContaining("services");
        assertThatThrownBy(() -> TriageJson.readCatalog("services:\n  - description: x"))
                .hasMessageContaining("services[0].name");
        assertThatThrownBy(() -> TriageJson.readCatalog("services:\n  - name: A\n  - name: A"))
                .hasMessageContaining("listed twice");
    }

    @Test
    void readsLabelledTickets() {
        String line = "{\"id\":\"t1\",\"document\":" + DOCUMENT.replace("\n", " ") + ",\"expected\":{\"category\":\"bug\","
                + "\"severity\":\"low\",\"affected_service\":null,\"time_window\":null,\"has_repro_steps\":true}}";

        LabelledTicket ticket = LabelledTicket.parse(line);

        assertThat(ticket.id()).isEqualTo("t1");
        assertThat(ticket.category()).isEqualTo(Category.BUG);
        assertThat(ticket.severity()).isEqualTo(Severity.LOW);
        assertThat(ticket.timeWindow()).isNull();
        assertThat(ticket.hasReproSteps()).isTrue();
    }
}
