package dev.deskloop.triage.model;

import java.util.Arrays;

/** A feature vector that stores only its non-zero entries, indices ascending and distinct. */
public final class SparseVector {

    private final int[] indices;
    private final float[] values;

    SparseVector(int[] indices, float[] values) {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length");
        }
        this.indices = indices;
        this.values = values;
    }

    int size() {
        return indices.length;
    }

    int index(int i) {
        return indices[i];
    }

    float value(int i) {
        return values[i];
    }

    /** Dot product with row {@code row} of a dense weight matrix laid out row by row, {@code width} wide. */
    double dot(float[] weights, int offset) {
        double sum = 0;
        for (int i = 0; i < indices.length; i++) {
            sum += weights[offset + indices[i]] * values[i];
        }
        return sum;
    }

    @Override
    public String toString() {
        return "SparseVector" + Arrays.toString(indices);
    }
}
