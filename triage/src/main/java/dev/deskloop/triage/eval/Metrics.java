package dev.deskloop.triage.eval;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Precision, recall and F1 per class, and their macro average, as scikit-learn's classification report. */
record Metrics(Map<String, double[]> perClass, double accuracy) {

    /** {@code perClass} values are {precision, recall, f1, support}. */
    static Metrics of(List<String> expected, List<String> predicted, List<String> classes) {
        Map<String, double[]> perClass = new TreeMap<>();
        int correct = 0;
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).equals(predicted.get(i))) {
                correct++;
            }
        }
        for (String c : classes) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < expected.size(); i++) {
                boolean p = predicted.get(i).equals(c);
                boolean t = expected.get(i).equals(c);
                if (p && t) {
                    tp++;
                } else if (p) {
                    fp++;
                } else if (t) {
                    fn++;
                }
            }
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.put(c, new double[] {precision, recall, f1, tp + fn});
        }
        return new Metrics(perClass, expected.isEmpty() ? 0 : (double) correct / expected.size());
    }

    double macroF1() {
        return perClass.values().stream().mapToDouble(v -> v[2]).average().orElse(0);
    }
}
