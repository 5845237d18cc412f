package dev.deskloop.triage.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap intervals for evaluation figures: how far a figure would move on another sample of the same
 * size from the same population. The items are drawn again with replacement within each stratum (each NLBSE'24
 * project keeps its 300 issues), the figure is computed on every such sample, and the middle 95% of those figures is
 * the interval. Deterministic: the same seed gives the same interval.
 */
final class Bootstrap {

    static final int RESAMPLES = 2000;
    static final long SEED = 20240101L;

    /** A 95% interval, {@code low} to {@code high}; both NaN when there was nothing to draw from. */
    record Interval(double low, double high) {

        @Override
        public String toString() {
            return Double.isNaN(low) ? "n/a" : String.format(Locale.ROOT, "%.3f–%.3f", low, high);
        }
    }

    private Bootstrap() {
    }

    /**
     * @param strata    the item indices of each stratum; a resample keeps each stratum's size
     * @param statistic the figure, computed on the indices of one resample (strata one after the other, an index may
     *                  repeat)
     */
    static Interval interval(List<int[]> strata, ToDoubleFunction<int[]> statistic, int resamples, long seed) {
        if (resamples < 40) {
            throw new IllegalArgumentException("a 95% interval needs at least 40 resamples, not " + resamples);
        }
        int size = strata.stream().mapToInt(s -> s.length).sum();
        SplittableRandom random = new SplittableRandom(seed);
        double[] figures = new double[resamples];
        int[] sample = new int[size];
        for (int r = 0; r < resamples; r++) {
            int at = 0;
            for (int[] stratum : strata) {
                for (int i = 0; i < stratum.length; i++) {
                    sample[at++] = stratum[random.nextInt(stratum.length)];
                }
            }
            figures[r] = statistic.applyAsDouble(sample);
        }
        Arrays.sort(figures);
        return new Interval(figures[(int) Math.floor(0.025 * (resamples - 1))],
                figures[(int) Math.ceil(0.975 * (resamples - 1))]);
    }

    /**
     * The interval of a proportion, {@code hits} of {@code total} ("n/a" of none). Which items were hits does not
     * matter to it, only how many.
     */
    static Interval ofProportion(int hits, int total) {
        if (total == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        int[] all = new int[total];
        Arrays.setAll(all, i -> i);
        return interval(List.of(all), sample -> {
            int count = 0;
            for (int i : sample) {
                count += i < hits ? 1 : 0;
            }
            return (double) count / sample.length;
        }, RESAMPLES, SEED);
    }
}
