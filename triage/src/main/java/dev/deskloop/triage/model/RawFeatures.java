package dev.deskloop.triage.model;

import java.util.List;

/**
 * What a classifier needs from one text before weighting: its embeddings and hashed n-gram counts. Computing these
 * is the expensive part (the embeddings), so training and cross-validation compute them once.
 */
public final class RawFeatures {

    final float[] titleEmbedding;
    final float[] textEmbedding;
    final SparseVector wordCounts;
    final SparseVector charCounts;
    final SparseVector cueCounts;
    final String group;

    RawFeatures(float[] titleEmbedding, float[] textEmbedding, SparseVector wordCounts, SparseVector charCounts,
                String group) {
        this(titleEmbedding, textEmbedding, wordCounts, charCounts, NGrams.cues(List.of()), group);
    }

    RawFeatures(float[] titleEmbedding, float[] textEmbedding, SparseVector wordCounts, SparseVector charCounts,
                SparseVector cueCounts, String group) {
        this.titleEmbedding = titleEmbedding;
        this.textEmbedding = textEmbedding;
        this.wordCounts = wordCounts;
        this.charCounts = charCounts;
        this.cueCounts = cueCounts;
        this.group = group;
    }

    /** The embedding of title and body together, or null when the spec asks for none. */
    public float[] textEmbedding() {
        return textEmbedding == null ? null : textEmbedding.clone();
    }

    /** Computes the raw features of {@code input} as {@code spec} asks for them. */
    public static RawFeatures of(ClassifierInput input, FeatureSpec spec, MiniLmEncoder encoder) {
        String joined = input.joined();
        String head = joined.length() > spec.maxChars() ? joined.substring(0, spec.maxChars()) : joined;
        float[] title = spec.titleTokens() > 0 ? encoder.embed(input.title(), spec.titleTokens()) : null;
        float[] text = spec.textTokens() > 0 ? encoder.embed(joined, spec.textTokens()) : null;
        return new RawFeatures(title, text, NGrams.words(input.title(), head), NGrams.chars(head),
                NGrams.cues(input.cues()), input.group());
    }
}
