package dev.deskloop.triage.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void turnsBlocksIntoLinesAndDecodesEntities() {
        String html = "<div dir=\"ltr\"><p>Hello,</p><p>Invoices show <b>$0.00</b> &amp; clients pay&nbsp;nothing.</p>"
                + "<p>Thanks,<br>Brandon</p></div>";

        String text = HtmlText.toText(html);

        assertThat(text).contains("Hello,\n").contains("Invoices show $0.00 & clients pay nothing.")
                .contains("Thanks,\nBrandon").doesNotContain("<").doesNotContain("&amp;");
    }

    @Test
    void numbersOrderedListItemsAndBulletsUnorderedOnes() {
        String html = "<p>Steps to reproduce</p><ol><li>Reports &gt; Customers</li><li>Click Share</li></ol>"
                + "<ul><li>Chrome</li><li>Safari</li></ul>";

        String text = HtmlText.toText(html);

        assertThat(text).contains("1. Reports > Customers").contains("2. Click Share").contains("- Chrome")
                .contains("- Safari");
    }

    @Test
    void dropsQuotedHistoryInBlockquotesAndMailQuoteContainers() {
        String html = "<p>Still broken for us.</p><blockquote><p>Hi Anna, please try again</p></blockquote>"
                + "<div class=\"gmail_quote\">On Mon, Feb 2 Support wrote: old text</div>";

        String text = HtmlText.toText(html);

        assertThat(text).contains("Still broken for us.").doesNotContain("please try again")
                .doesNotContain("old text");
    }

    @Test
    void dropsScriptsStylesAndComments() {
        String html = "<style>p{color:red}</style><script>alert(1)</script><!-- tracking --><p>Real text</p>";

        assertThat(HtmlText.toText(html).strip()).isEqualTo("Real text");
    }

    @Test
    void leavesPlainTextAlone() {
        String text = "if a < b and c > d then 5 < 6";

        assertThat(HtmlText.toText(text)).isEqualTo(text);
    }

    @Test
    void decodesNumericEntitiesAndIgnoresInvalidCodePoints() {
        assertThat(HtmlText.toText("<p>caf&#233; &#x1F600; &#0; x</p>")).contains("café 😀").contains(" x");
    }
}
