package dev.deskloop.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.triage.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeveritySignalsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "The whole site is down, every page gives a 502 for everyone | CRITICAL",
        "Customers see names and addresses of another company's customers in search | CRITICAL",
        "All of our job photos from before September are gone | CRITICAL",
        "All our customers were charged twice for ACH payments | CRITICAL",
        "I can't log in since the password change | HIGH",
        "Our techs are stuck, the app crashes when they open a job | HIGH",
        "Sometimes the export misses a row, we fix it manually for now | MEDIUM",
        "Cosmetic: the tooltip shows too many decimals | LOW",
        "Not a big deal, the footer says 2024 | LOW",
    })
    void findsTheSeverityTheRulesAreSureOf(String text, Severity expected) {
        assertThat(SeveritySignals.assess(text).strongest()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "The report title is in bold",
        "''",
    })
    void staysSilentWithoutSignals(String text) {
        assertThat(SeveritySignals.assess(text).strongest()).isNull();
    }
}
