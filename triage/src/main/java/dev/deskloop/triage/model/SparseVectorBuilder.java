package dev.deskloop.triage.model;

import java.util.Arrays;

/** Collects (index, value) pairs in any order, adding values of repeated indices. */
final class SparseVectorBuilder {

    private int[] indices = new int[64];
    private float[] values = new float[64];
    private int size;

    void add(int index, float value) {
        if (value == 0f) {
            return;
        }
        if (size == indices.length) {
            indices = Arrays.copyOf(indices, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        indices[size] = index;
        values[size] = value;
        size++;
    }

    SparseVector build() {
        long[] order = new long[size];
        for (int i = 0; i < size; i++) {
            order[i] = ((long) indices[i] << 32) | i;
        }
        Arrays.sort(order);
        int[] outIndices = new int[size];
        float[] outValues = new float[size];
        int n = 0;
        for (long packed : order) {
            int index = (int) (packed >>> 32);
            int i = (int) packed;
            if (n > 0 && outIndices[n - 1] == index) {
                outValues[n - 1] += values[i];
            } else {
                outIndices[n] = index;
                outValues[n] = values[i];
                n++;
            }
        }
        return new SparseVector(Arrays.copyOf(outIndices, n), Arrays.copyOf(outValues, n));
    }
}
