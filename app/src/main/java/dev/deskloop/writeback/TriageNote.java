package dev.deskloop.writeback;

import java.time.ZoneId;

import dev.deskloop.tickets.TimeWindowText;
import dev.deskloop.triage.Triage;

/**
 * The internal note for a triaged ticket, as HTML both Zendesk ({@code html_body}) and Intercom (its note subset:
 * p, b, i, br, a, ol, li) show. Every value comes from the ticket and is escaped.
 */
final class TriageNote {

    private TriageNote() {
    }

    /**
     * The full triage of a bug ticket. The time window is shown in {@code zone}, the zone the triage read the
     * ticket's local times in, and in UTC, which logs use.
     */
    static String bug(Triage triage, ZoneId zone, int version, String dashboardLink) {
        StringBuilder html = new StringBuilder();
        html.append("<p><b>Deskloop triage: bug, severity ")
                .append(Html.escape(triage.severity() == null ? "unknown" : triage.severity().wireName())).append("</b>");
        if (version > 1) {
            html.append(" (updated, version ").append(version).append(")");
        }
        html.append("</p>");
        html.append("<p><b>Affected service:</b> ")
                .append(Html.escape(triage.affectedService() == null ? "none found" : triage.affectedService()))
                .append("<br><b>Time window:</b> ").append(Html.escape(TimeWindowText.of(triage.timeWindow(), zone)))
                .append("</p>");
        if (!triage.reproSteps().isEmpty()) {
            html.append("<p><b>Steps to reproduce:</b></p><ol>");
            triage.reproSteps().forEach(step -> html.append("<li>").append(Html.escape(step)).append("</li>"));
            html.append("</ol>");
        }
        if (triage.expected() != null || triage.actual() != null) {
            html.append("<p><b>Expected:</b> ").append(Html.escape(orNone(triage.expected())))
                    .append("<br><b>Actual:</b> ").append(Html.escape(orNone(triage.actual()))).append("</p>");
        }
        if (triage.customerImpact() != null) {
            html.append("<p><b>Impact:</b> ").append(Html.escape(triage.customerImpact())).append("</p>");
        }
        if (!triage.customerQuote().isBlank()) {
            html.append("<p><b>Customer's words:</b> <i>“").append(Html.escape(triage.customerQuote())).append("”</i></p>");
        }
        html.append(link(dashboardLink));
        return html.toString();
    }

    /** A short note for a ticket that is not a bug, when the binding asks for one. */
    static String classification(Triage triage, String dashboardLink) {
        return "<p><b>Deskloop triage: " + Html.escape(triage.category().wireName().replace('_', ' '))
                + "</b> (not a bug, confidence " + Math.round(triage.confidence() * 100) + "%)</p>" + link(dashboardLink);
    }

    private static String link(String dashboardLink) {
        return "<p><a href=\"" + Html.escape(dashboardLink) + "\">Open in Deskloop</a></p>";
    }

    private static String orNone(String value) {
        return value == null ? "not stated" : value;
    }
}
