package dev.deskloop.triage;

import dev.deskloop.triage.model.MiniLmEncoder;

/**
 * Turns text into a unit-length sentence embedding (all-MiniLM-L6-v2, quantized, run in process), so that similar
 * texts, such as two tickets about the same bug, have a high {@link #cosine}. Thread-safe.
 */
public interface TextEmbedder {

    /** The embedding of {@code text}; only its beginning (about 256 word pieces) is read. */
    float[] embed(String text);

    /** The shared MiniLM embedder, loaded on first use; the built-in engine uses the same model. */
    static TextEmbedder miniLm() {
        MiniLmEncoder encoder = MiniLmEncoder.shared();
        return text -> encoder.embed(text, MiniLmEncoder.MAX_TOKENS);
    }

    /** Cosine similarity of two vectors of the same length; 0 when either is all zeros. */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " and " + b.length);
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0.0 : dot / Math.sqrt(normA * normB);
    }
}
