package dev.deskloop.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpectedActualTest {

    @Test
    void splitsExpectedAndActualWrittenOnOneLine() {
        var behaviour = ExpectedActual.extract("Steps: add an item, click Pay.\nExpected: order confirmed. Actual: error 500.");

        assertThat(behaviour.expected()).isEqualTo("order confirmed.");
        assertThat(behaviour.actual()).isEqualTo("error 500.");
    }

    @Test
    void aWordLikeActualInsideTheExpectedTextIsNotALabel() {
        var behaviour = ExpectedActual.extract("Expected: the actual amount is charged once");

        assertThat(behaviour.expected()).isEqualTo("the actual amount is charged once");
    }

    @Test
    void readsLabelledLines() {
        var behaviour = ExpectedActual.extract("Expected: the total includes tax\nActual result: tax is missing");

        assertThat(behaviour.expected()).isEqualTo("the total includes tax");
        assertThat(behaviour.actual()).isEqualTo("tax is missing");
    }

    @Test
    void readsShouldAndInsteadPhrasing() {
        var behaviour = ExpectedActual.extract("The file should be named jobs_2026-08-27.csv. "
                + "But instead I get export_undefined.csv every time.");

        assertThat(behaviour.expected()).isEqualTo("The file should be named jobs_2026-08-27.csv.");
        assertThat(behaviour.actual()).isEqualTo("But instead I get export_undefined.csv every time.");
    }

    @Test
    void readsAnExpectedSentenceWithoutColon() {
        var behaviour = ExpectedActual.extract("Revoked keys still work, calls return 200. Expected 401 after "
                + "revocation.");

        assertThat(behaviour.expected()).isEqualTo("Expected 401 after revocation.");
        assertThat(behaviour.actual()).isEqualTo("Revoked keys still work, calls return 200.");
    }

    @Test
    void fallsBackToTheFirstSentenceThatReportsAFailure() {
        var behaviour = ExpectedActual.extract("Hi team,\nThe Team page shows a 500 error. We need to add techs.");

        assertThat(behaviour.expected()).isNull();
        assertThat(behaviour.actual()).isEqualTo("The Team page shows a 500 error.");
    }

    @Test
    void findsNothingInNeutralText() {
        var behaviour = ExpectedActual.extract("We would like a dark mode.");

        assertThat(behaviour.expected()).isNull();
        assertThat(behaviour.actual()).isNull();
    }
}
