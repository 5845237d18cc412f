package dev.deskloop.triage.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void aProportionsIntervalSurroundsItAsTheBinomialSpreadSays() {
        // 90 of 100: standard error sqrt(0.9 × 0.1 / 100) = 0.03, so about 0.84 to 0.96.
        Bootstrap.Interval interval = Bootstrap.ofProportion(90, 100);

        assertThat(interval.low()).isBetween(0.82, 0.87);
        assertThat(interval.high()).isBetween(0.93, 0.97);
        assertThat(interval.toString()).matches("0\\.8\\d\\d–0\\.9\\d\\d");
    }

    @Test
    void moreItemsGiveANarrowerIntervalAndTheSameSeedTheSameOne() {
        Bootstrap.Interval hundred = Bootstrap.ofProportion(90, 100);
        Bootstrap.Interval thousand = Bootstrap.ofProportion(900, 1000);

        assertThat(thousand.high() - thousand.low()).isLessThan((hundred.high() - hundred.low()) / 2);
        assertThat(Bootstrap.ofProportion(90, 100)).isEqualTo(hundred);
        assertThat(Bootstrap.ofProportion(0, 0)).hasToString("n/a");
        assertThat(Bootstrap.ofProportion(5, 5)).isEqualTo(new Bootstrap.Interval(1, 1));
    }

    @Test
    void eachStratumKeepsItsSize() {
        // Stratum 0 is all hits, stratum 1 all misses: drawn within each, the share is always exactly one half.
        int[] first = {0, 1, 2, 3};
        int[] second = {4, 5, 6, 7};
        boolean[] hits = {true, true, true, true, false, false, false, false};
        List<Double> seen = new ArrayList<>();

        Bootstrap.Interval interval = Bootstrap.interval(List.of(first, second), sample -> {
            assertThat(sample).hasSize(8);
            int count = 0;
            for (int i : sample) {
                count += hits[i] ? 1 : 0;
            }
            seen.add((double) count / sample.length);
            return (double) count / sample.length;
        }, 100, 7);

        assertThat(interval).isEqualTo(new Bootstrap.Interval(0.5, 0.5));
        assertThat(seen).hasSize(100);
        assertThatThrownBy(() -> Bootstrap.interval(List.of(first), s -> 0, 39, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("39");
    }

    @Test
    void theNlbseIntervalIsOfTheMeanOfTheProjectsMacroF1() {
        List<NlbseIssue> issues = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String label = NlbseEvaluation.LABELS.get(i % 3);
            issues.add(new NlbseIssue(i < 30 ? "a/a" : "b/b", label, "t", "b"));
            // Project a is always right; project b always says bug.
            predicted.add(i < 30 ? label : "bug");
        }
        List<List<Integer>> projects = List.of(java.util.stream.IntStream.range(0, 30).boxed().toList(),
                java.util.stream.IntStream.range(30, 60).boxed().toList());

        Bootstrap.Interval interval = NlbseEvaluation.meanInterval(issues, predicted, projects);

        // Project a scores 1; project b's macro-F1 is F1(bug) / 3, about 0.167 (bug precision drawn about 1/3):
        // the mean sits near 0.58 and moves only with project b's share of bugs.
        assertThat(interval.low()).isBetween(0.54, 0.585);
        assertThat(interval.high()).isBetween(0.585, 0.62);
    }
}
