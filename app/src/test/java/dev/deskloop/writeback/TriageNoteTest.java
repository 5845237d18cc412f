package dev.deskloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.deskloop.helpdesk.HelpdeskWrite;
import dev.deskloop.tickets.TriageRecord;
import dev.deskloop.triage.Category;
import dev.deskloop.triage.Severity;
import dev.deskloop.triage.TimeWindow;
import dev.deskloop.triage.Triage;
import org.junit.jupiter.api.Test;

class TriageNoteTest {

    static final String HOSTILE = "<script>alert('x')</script>";

    @Test
    void theBugNoteCarriesTheWholeTriageWithEveryValueEscaped() {
        Triage triage = bug(Severity.CRITICAL, HOSTILE);

        String html = TriageNote.bug(triage, ZoneOffset.UTC, 1, "https://deskloop.example/w/1/tickets/2?a=1&b=2");

        assertThat(html).doesNotContain("<script>").doesNotContain("<img")
                .contains("severity critical")
                .contains("<b>Affected service:</b> &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("<b>Time window:</b> 2026-03-14 07:00 – 2026-03-14 09:00 (UTC)</p>")
                .contains("<ol><li>Open &lt;b&gt;Reports&lt;/b&gt;</li><li>Click export</li></ol>")
                .contains("<b>Expected:</b> a &quot;CSV&quot;").contains("<b>Actual:</b> a 500 &amp; nothing")
                .contains("<b>Impact:</b> everyone")
                .contains("<i>“&lt;img src=x onerror=alert(1)&gt;”</i>")
                .contains("<a href=\"https://deskloop.example/w/1/tickets/2?a=1&amp;b=2\">Open in Deskloop</a>");
    }

    @Test
    void theWindowIsShownInTheZoneTheTicketWasReadInAndInUtc() {
        assertThat(TriageNote.bug(bug(Severity.HIGH, null), ZoneId.of("America/New_York"), 1, "https://d/x"))
                .contains("<b>Time window:</b> 2026-03-14 03:00 – 2026-03-14 05:00 (America/New_York), "
                        + "2026-03-14 07:00 – 2026-03-14 09:00 (UTC)</p>");
        assertThat(TriageNote.bug(bug(Severity.HIGH, null), ZoneId.of("Etc/UTC"), 1, "https://d/x"))
                .contains("<b>Time window:</b> 2026-03-14 07:00 – 2026-03-14 09:00 (UTC)</p>");
    }

    @Test
    void anUpdatedNoteSaysWhichVersionItIs() {
        assertThat(TriageNote.bug(bug(Severity.LOW, null), ZoneOffset.UTC, 3, "https://d/x")).contains("(updated, version 3)")
                .contains("none found");
    }

    @Test
    void theClassificationNoteIsShort() {
        Triage question = new Triage(Category.FEATURE_REQUEST, false, null, 0.82, List.of(), null, null, null, "",
                null, window(), "builtin/test");

        assertThat(TriageNote.classification(question, "https://d/x"))
                .isEqualTo("<p><b>Deskloop triage: feature request</b> (not a bug, confidence 82%)</p>"
                        + "<p><a href=\"https://d/x\">Open in Deskloop</a></p>");
    }

    @Test
    void notesAndRepliesCarryTheMarkerAndFieldUpdatesStayAsTheyAre() {
        assertThat(OutboxDelivery.marked(new HelpdeskWrite.InternalNote("<p>n</p>"), "Deskloop ref abc"))
                .isEqualTo(new HelpdeskWrite.InternalNote("<p>n</p><p><i>Deskloop ref abc</i></p>"));
        assertThat(OutboxDelivery.marked(new HelpdeskWrite.PublicReply("<p>r</p>"), "Deskloop ref abc"))
                .isEqualTo(new HelpdeskWrite.PublicReply("<p>r</p><p><i>Deskloop ref abc</i></p>"));
        var fields = new HelpdeskWrite.FieldUpdate(java.util.Map.of("1", "high"));
        assertThat(OutboxDelivery.marked(fields, "Deskloop ref abc")).isSameAs(fields);
        assertThat(Outbox.marker(UUID.fromString("0a1b2c3d-4e5f-6789-abcd-ef0123456789"))).isEqualTo("Deskloop ref 0a1b2c3d4e5f");
    }

    @Test
    void idempotencyKeysNameConnectionTicketPurposeAndVersion() {
        UUID connection = UUID.fromString("00000000-0000-0000-0000-00000000000c");
        UUID ticket = UUID.fromString("00000000-0000-0000-0000-00000000000t".replace('t', 'a'));

        assertThat(TriageWriteback.key(connection, ticket, "triage_note", 2))
                .isEqualTo(connection + ":" + ticket + ":triage_note:2");
        assertThat(TriageWriteback.publicReplyKey(connection, ticket)).isEqualTo(connection + ":" + ticket + ":public_reply");
    }

    @Test
    void aRetriageWritesAgainOnlyWhenCategorySeverityOrServiceChanged() {
        TriageRecord first = record(1, bug(Severity.HIGH, "billing"));

        assertThat(TriageWriteback.changed(first, null)).isTrue();
        assertThat(TriageWriteback.changed(record(2, bug(Severity.HIGH, "billing")), first)).isFalse();
        assertThat(TriageWriteback.changed(record(2, bug(Severity.CRITICAL, "billing")), first)).isTrue();
        assertThat(TriageWriteback.changed(record(2, bug(Severity.HIGH, "search")), first)).isTrue();
    }

    @Test
    void theThresholdIsMetFromItsSeverityUp() {
        assertThat(AnalyzeThreshold.HIGH.metBy(Severity.CRITICAL)).isTrue();
        assertThat(AnalyzeThreshold.HIGH.metBy(Severity.HIGH)).isTrue();
        assertThat(AnalyzeThreshold.HIGH.metBy(Severity.MEDIUM)).isFalse();
        assertThat(AnalyzeThreshold.DISABLED.metBy(Severity.CRITICAL)).isFalse();
        assertThat(AnalyzeThreshold.LOW.metBy(null)).isFalse();
    }

    private static Triage bug(Severity severity, String service) {
        return new Triage(Category.BUG, true, severity, 0.9, List.of("Open <b>Reports</b>", "Click export"),
                "a \"CSV\"", "a 500 & nothing", "everyone", "<img src=x onerror=alert(1)>", service, window(),
                "builtin/test");
    }

    private static TimeWindow window() {
        return new TimeWindow(Instant.parse("2026-03-14T07:00:00Z"), Instant.parse("2026-03-14T09:00:00Z"));
    }

    private static TriageRecord record(int version, Triage triage) {
        return new TriageRecord(UUID.randomUUID(), UUID.randomUUID(), version, version, triage, "builtin/test", 1,
                Instant.parse("2026-03-14T09:00:00Z"), ZoneOffset.UTC);
    }
}
