package dev.deskloop.triage.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void computesPerClassAndMacroF1AsScikitLearn() {
        // Each class has one hit, one false alarm and one miss (feature: 1 hit, 2 false alarms; question: 1 hit,
        // 2 misses), so every F1 is 0.5, as sklearn.metrics.f1_score(average="macro") says.
        List<String> expected = List.of("bug", "bug", "feature", "question", "question", "question");
        List<String> predicted = List.of("bug", "feature", "feature", "question", "bug", "feature");

        Metrics metrics = Metrics.of(expected, predicted, List.of("bug", "feature", "question"));

        assertThat(metrics.accuracy()).isCloseTo(0.5, within(1e-9));
        assertThat(metrics.perClass().get("bug")).containsExactly(0.5, 0.5, 0.5, 2.0);
        assertThat(metrics.perClass().get("feature")).containsExactly(1.0 / 3, 1.0, 0.5, 1.0);
        assertThat(metrics.perClass().get("question")).containsExactly(1.0, 1.0 / 3, 0.5, 3.0);
        assertThat(metrics.macroF1()).isCloseTo(0.5, within(1e-9));
    }
}
