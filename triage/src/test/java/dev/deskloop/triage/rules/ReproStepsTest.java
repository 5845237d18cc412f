package dev.deskloop.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReproStepsTest {

    @Test
    void readsANumberedListWrittenOnOneLine() {
        var steps = ReproSteps.extract("Steps to reproduce: 1. Open Reports 2. Click Export invoices 3. See the error. "
                + "Expected a CSV file.");

        assertThat(steps).containsExactly("Open Reports", "Click Export invoices", "See the error");
    }

    @Test
    void numbersThatAreNotAListStayText() {
        assertThat(ReproSteps.unfoldInlineLists("We have 1. priority and version 2.3 here"))
                .isEqualTo("We have 1. priority and version 2.3 here");
    }

    @Test
    void readsTheSectionUnderAStepsToReproduceHeading() {
        String text = """
                The invoice total is wrong.
                Steps to reproduce:
                1. Open any invoice
                2. Add a discount line
                3. Click Save
                Expected: total goes down
                """;

        assertThat(ReproSteps.extract(text)).containsExactly("Open any invoice", "Add a discount line", "Click Save");
    }

    @Test
    void readsAStepsLineWrittenInline() {
        assertThat(ReproSteps.extract("Steps: be at the customer address > open the job > tap Start job > error."))
                .containsExactly("be at the customer address", "open the job", "tap Start job", "error");
    }

    @Test
    void readsANumberedListWithoutHeading() {
        String text = "Payroll export doubles hours.\n1. Reports > Timesheets > Payroll export\n"
                + "2. Pay period May 25 - Jun 7\n3. Export CSV\nThe export shows 16h.";

        assertThat(ReproSteps.extract(text)).hasSize(3).first().asString().startsWith("Reports");
    }

    @Test
    void readsBulletsOnlyWhenTheyAreActions() {
        assertThat(ReproSteps.extract("- click Share\n- open the link in a private window\n")).hasSize(2);
        assertThat(ReproSteps.extract("Affected:\n- Chrome 120\n- Safari 17\n")).isEmpty();
    }

    @Test
    void readsAMenuPath() {
        assertThat(ReproSteps.extract("Open any invoice > Send > choose email > Send invoice. Red banner appears."))
                .containsExactly("Open any invoice", "Send", "choose email", "Send invoice");
    }

    @Test
    void readsANarrative() {
        String text = "When I go to the dispatch board, click Today and drag a job to another tech, it jumps back.";

        assertThat(ReproSteps.extract(text)).containsExactly("When I go to the dispatch board", "click Today",
                "drag a job to another tech");
    }

    @Test
    void readsANarrativeInThePastTense() {
        String text = "I tested it myself: opened one of our invoices in the portal, clicked Pay now, chose Card, "
                + "entered my own Visa, clicked Pay. It failed.";

        assertThat(ReproSteps.extract(text)).startsWith("opened one of our invoices in the portal", "clicked Pay now")
                .contains("clicked Pay");
    }

    @Test
    void findsNoStepsInADescriptionWithoutActions() {
        assertThat(ReproSteps.extract("Long job notes get cut off in the iOS app after about 500 characters."))
                .isEmpty();
        assertThat(ReproSteps.extract("")).isEmpty();
    }
}
