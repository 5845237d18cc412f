package dev.deskloop.bug;

import java.util.UUID;

import dev.deskloop.writeback.Html;
import org.springframework.web.util.HtmlUtils;

/** The RCA reply and note as HTML (every value escaped), and their idempotency keys. */
final class RcaMessages {

    static final String REPLY_PURPOSE = "rca_reply";
    static final String NOTE_PURPOSE = "rca_note";

    private RcaMessages() {
    }

    static String replyKey(UUID connectionId, UUID ticketId, UUID bugId) {
        return connectionId + ":" + ticketId + ":rca:" + bugId;
    }

    static String noteKey(UUID connectionId, UUID ticketId, UUID bugId) {
        return connectionId + ":" + ticketId + ":rca_note:" + bugId;
    }

    /** The RCA text as paragraphs: blank lines separate paragraphs, single line breaks stay. */
    static String replyHtml(String rca) {
        return Html.paragraphs(rca);
    }

    static String noteHtml(Bug bug, String changeUrl) {
        String url = HtmlUtils.htmlEscape(changeUrl);
        return "<p>Deskloop: the fix for bug <strong>" + HtmlUtils.htmlEscape(bug.title())
                + "</strong> shipped and the RCA was sent to the customer.</p><p>Change: <a href=\"" + url + "\">" + url
                + "</a></p>";
    }
}
