package dev.deskloop.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CustomerImpactTest {

    @Test
    void picksTheSentenceAboutBlockedWorkAndBreadth() {
        String text = "The Today tab is empty. The jobs are assigned to the team. "
                + "Our techs are sitting in the yard waiting, all of our commercial work is blocked.";

        assertThat(CustomerImpact.extract(text))
                .isEqualTo("Our techs are sitting in the yard waiting, all of our commercial work is blocked.");
    }

    @Test
    void picksMoneyAndDeadlines() {
        assertThat(CustomerImpact.extract("Search is broken. We have payroll on Friday and $48,212 is stuck."))
                .isEqualTo("We have payroll on Friday and $48,212 is stuck.");
    }

    @Test
    void answersNullWithoutImpact() {
        assertThat(CustomerImpact.extract("The logo on the PDF is stretched.")).isNull();
    }
}
