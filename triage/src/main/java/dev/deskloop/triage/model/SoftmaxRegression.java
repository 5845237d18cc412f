package dev.deskloop.triage.model;

import java.util.Arrays;
import java.util.List;

/**
 * Multinomial logistic regression with an L2 penalty, trained by full-batch L-BFGS. Deterministic: the same data
 * give the same weights. Only features that occur in training get parameters while training.
 */
final class SoftmaxRegression {

    private static final int HISTORY = 8;
    private static final int MAX_ITERATIONS = 400;
    private static final double TOLERANCE = 1e-6;

    private SoftmaxRegression() {
    }

    /** Learned parameters: {@code weights[k * dimension + feature]} and one bias per class. */
    record Weights(int classes, int dimension, float[] weights, float[] bias) {

        double[] probabilities(SparseVector x) {
            double[] scores = new double[classes];
            for (int k = 0; k < classes; k++) {
                scores[k] = bias[k] + x.dot(weights, k * dimension);
            }
            return softmax(scores);
        }
    }

    static Weights train(List<SparseVector> xs, int[] labels, int classes, int dimension, double l2,
                         boolean balanced) {
        int n = xs.size();
        // Compact the feature space to the features seen in training.
        int[] compactOf = new int[dimension];
        Arrays.fill(compactOf, -1);
        int features = 0;
        int[][] idx = new int[n][];
        float[][] val = new float[n][];
        for (int i = 0; i < n; i++) {
            SparseVector x = xs.get(i);
            idx[i] = new int[x.size()];
            val[i] = new float[x.size()];
            for (int j = 0; j < x.size(); j++) {
                int f = x.index(j);
                if (compactOf[f] < 0) {
                    compactOf[f] = features++;
                }
                idx[i][j] = compactOf[f];
                val[i][j] = x.value(j);
            }
        }
        double[] sampleWeights = sampleWeights(labels, classes, balanced);
        var objective = new Objective(idx, val, labels, sampleWeights, classes, features, l2);
        double[] solution = lbfgs(objective, new double[classes * features + classes]);

        float[] weights = new float[classes * dimension];
        for (int f = 0; f < dimension; f++) {
            int c = compactOf[f];
            if (c >= 0) {
                for (int k = 0; k < classes; k++) {
                    weights[k * dimension + f] = (float) solution[k * features + c];
                }
            }
        }
        float[] bias = new float[classes];
        for (int k = 0; k < classes; k++) {
            bias[k] = (float) solution[classes * features + k];
        }
        return new Weights(classes, dimension, weights, bias);
    }

    private static double[] sampleWeights(int[] labels, int classes, boolean balanced) {
        double[] counts = new double[classes];
        for (int label : labels) {
            counts[label]++;
        }
        double[] weights = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            weights[i] = balanced ? labels.length / (classes * counts[labels[i]]) : 1.0;
        }
        return weights;
    }

    static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        double[] p = new double[scores.length];
        for (int k = 0; k < scores.length; k++) {
            p[k] = Math.exp(scores[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < scores.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** Mean weighted cross-entropy plus the L2 penalty, over compact features; parameters end with the biases. */
    private record Objective(int[][] idx, float[][] val, int[] labels, double[] sampleWeights, int classes,
                             int features, double l2) {

        double evaluate(double[] w, double[] gradient) {
            Arrays.fill(gradient, 0);
            double totalWeight = 0;
            for (double sw : sampleWeights) {
                totalWeight += sw;
            }
            double loss = 0;
            double[] scores = new double[classes];
            int biasOffset = classes * features;
            for (int i = 0; i < idx.length; i++) {
                for (int k = 0; k < classes; k++) {
                    double s = w[biasOffset + k];
                    int offset = k * features;
                    for (int j = 0; j < idx[i].length; j++) {
                        s += w[offset + idx[i][j]] * val[i][j];
                    }
                    scores[k] = s;
                }
                double[] p = softmax(scores);
                double sw = sampleWeights[i] / totalWeight;
                loss -= sw * Math.log(Math.max(p[labels[i]], 1e-300));
                for (int k = 0; k < classes; k++) {
                    double delta = sw * (p[k] - (labels[i] == k ? 1 : 0));
                    if (delta == 0) {
                        continue;
                    }
                    int offset = k * features;
                    for (int j = 0; j < idx[i].length; j++) {
                        gradient[offset + idx[i][j]] += delta * val[i][j];
                    }
                    gradient[biasOffset + k] += delta;
                }
            }
            for (int p = 0; p < biasOffset; p++) {
                loss += 0.5 * l2 * w[p] * w[p];
                gradient[p] += l2 * w[p];
            }
            return loss;
        }
    }

    private static double[] lbfgs(Objective objective, double[] x) {
        int size = x.length;
        double[] g = new double[size];
        double f = objective.evaluate(x, g);
        double[][] s = new double[HISTORY][];
        double[][] y = new double[HISTORY][];
        double[] rho = new double[HISTORY];
        int stored = 0;
        int newest = -1;
        double[] xNew = new double[size];
        double[] gNew = new double[size];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double gNorm = Math.sqrt(dot(g, g));
            if (gNorm < TOLERANCE) {
                break;
            }
            // Two-loop recursion: d = -H g.
            double[] d = g.clone();
            double[] alpha = new double[HISTORY];
            for (int m = 0; m < stored; m++) {
                int j = Math.floorMod(newest - m, HISTORY);
                alpha[j] = rho[j] * dot(s[j], d);
                axpy(-alpha[j], y[j], d);
            }
            if (stored > 0) {
                scale(d, dot(s[newest], y[newest]) / dot(y[newest], y[newest]));
            } else {
                scale(d, 1.0 / gNorm);
            }
            for (int m = stored - 1; m >= 0; m--) {
                int j = Math.floorMod(newest - m, HISTORY);
                double beta = rho[j] * dot(y[j], d);
                axpy(alpha[j] - beta, s[j], d);
            }
            scale(d, -1);
            double slope = dot(g, d);
            if (slope >= 0) {
                d = g.clone();
                scale(d, -1.0 / gNorm);
                slope = dot(g, d);
                stored = 0;
            }
            double step = 1.0;
            double fNew = 0;
            boolean accepted = false;
            for (int tries = 0; tries < 40; tries++) {
                for (int p = 0; p < size; p++) {
                    xNew[p] = x[p] + step * d[p];
                }
                fNew = objective.evaluate(xNew, gNew);
                if (fNew <= f + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break;
            }
            newest = (newest + 1) % HISTORY;
            double[] sk = new double[size];
            double[] yk = new double[size];
            for (int p = 0; p < size; p++) {
                sk[p] = xNew[p] - x[p];
                yk[p] = gNew[p] - g[p];
            }
            double sy = dot(sk, yk);
            double relativeChange = (f - fNew) / Math.max(Math.abs(f), 1e-12);
            System.arraycopy(xNew, 0, x, 0, size);
            System.arraycopy(gNew, 0, g, 0, size);
            f = fNew;
            if (sy > 1e-12) {
                s[newest] = sk;
                y[newest] = yk;
                rho[newest] = 1.0 / sy;
                stored = Math.min(stored + 1, HISTORY);
            } else {
                newest = (newest - 1 + HISTORY) % HISTORY;
            }
            if (relativeChange < 1e-9) {
                break;
            }
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }
}
