package dev.deskloop.triage.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void plainTextReplacesCodeAndDropsTemplateComments() {
        String text = Markdown.toPlainText("<!-- describe the bug -->\n## Steps\n```\nstack trace\n```\nSee **this**");

        assertThat(text).doesNotContain("describe the bug").doesNotContain("stack trace").contains("[code]")
                .contains("Steps").contains("See this");
    }

    @Test
    void cuesPairAHeadingWithTheLineUnderIt() {
        var cues = Markdown.cues("### Issue Type\n\nFeature Request\n\n### TensorFlow version\n\n2.13.0\n");

        assertThat(cues).containsExactly("heading issue type", "issue type = feature request",
                "heading tensorflow version", "tensorflow version = 0 00 0");
    }

    @Test
    void cuesNameTheTemplateFromItsHtmlComment() {
        var cues = Markdown.cues("<!-- ⚠️ Do Not Delete This! feature_request_template ⚠️ -->\n"
                + "Please add tabs.");

        assertThat(cues).containsExactly("template feature_request_template");
    }

    @Test
    void cuesReadFormFieldsAndCheckBoxes() {
        var cues = Markdown.cues("Type: <b>Bug</b>\n- [x] I searched existing issues\n- [ ] I am sending a fix\n"
                + "**React version:** 18.2\nJust some prose: with a colon that goes on and on");

        assertThat(cues).contains("field type", "type = bug", "checked i searched existing issues",
                "unchecked i am sending a fix", "field react version", "react version = 00 0");
        assertThat(cues).hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void boldLinesAreHeadings() {
        var cues = Markdown.cues("**Is your feature request related to a problem?**\nYes, wallets are slow.");

        assertThat(cues).containsExactly("heading is your feature request related to",
                "is your feature request related to = yes wallets are");
    }

    @Test
    void noCuesInPlainProseOrEmptyText() {
        assertThat(Markdown.cues(null)).isEmpty();
        assertThat(Markdown.cues("")).isEmpty();
        assertThat(Markdown.cues("The export button does nothing when I click it.")).isEmpty();
        assertThat(Markdown.cues("x\n".repeat(10_000) + "### h\n".repeat(1_000))).hasSize(64);
    }

    @Test
    void proseLeavesOutTheTemplateForm() {
        String prose = Markdown.toProse("<!-- bug_report_template -->\n### Issue Type\n\nBug\n\n### Source\n\nbinary\n"
                + "- [x] I checked the docs\nOS: Ubuntu 22.04\n\nThe model crashes when I call fit() twice on the same "
                + "dataset.\n```\nTraceback\n```\nExpected: it trains again, as it did in the previous release.");

        assertThat(prose).doesNotContain("Issue Type").doesNotContain("checked the docs").doesNotContain("Ubuntu")
                .doesNotContain("Traceback").contains("The model crashes when I call fit() twice").contains("[code]")
                .contains("Expected: it trains again, as it did in the previous release.");
        assertThat(Markdown.toProse(null)).isEmpty();
    }
}
