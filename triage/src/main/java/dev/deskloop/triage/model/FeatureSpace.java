package dev.deskloop.triage.model;

import java.util.List;
import java.util.function.Function;

/**
 * Turns {@link RawFeatures} into the weighted sparse vector a {@link SoftmaxRegression} reads: unit embeddings,
 * sub-linear TF-IDF blocks normalised to unit length, and optional per-group copies of everything. Fitted once on
 * the training texts (inverse document frequencies); immutable afterwards.
 */
final class FeatureSpace {

    static final int EMBEDDING = MiniLmEncoder.DIMENSION;
    static final int TITLE_OFFSET = 0;
    static final int TEXT_OFFSET = EMBEDDING;
    static final int WORD_OFFSET = 2 * EMBEDDING;
    static final int CHAR_OFFSET = WORD_OFFSET + NGrams.WORD_BUCKETS;
    static final int CUE_OFFSET = CHAR_OFFSET + NGrams.CHAR_BUCKETS;
    static final int GROUP_OFFSET = CUE_OFFSET + NGrams.CUE_BUCKETS;
    static final int GROUP_BUCKETS = 1 << 19;

    private final FeatureSpec spec;
    private final float[] wordIdf;
    private final float[] charIdf;
    private final float[] cueIdf;

    FeatureSpace(FeatureSpec spec, float[] wordIdf, float[] charIdf, float[] cueIdf) {
        this.spec = spec;
        this.wordIdf = wordIdf;
        this.charIdf = charIdf;
        this.cueIdf = cueIdf;
    }

    static FeatureSpace fit(FeatureSpec spec, List<RawFeatures> training) {
        return new FeatureSpace(spec, idf(training, f -> f.wordCounts, NGrams.WORD_BUCKETS),
                idf(training, f -> f.charCounts, NGrams.CHAR_BUCKETS),
                spec.cueScale() > 0 ? idf(training, f -> f.cueCounts, NGrams.CUE_BUCKETS)
                        : new float[NGrams.CUE_BUCKETS]);
    }

    private static float[] idf(List<RawFeatures> training, Function<RawFeatures, SparseVector> block,
                               int buckets) {
        float[] df = new float[buckets];
        for (RawFeatures features : training) {
            SparseVector counts = block.apply(features);
            for (int i = 0; i < counts.size(); i++) {
                df[counts.index(i)]++;
            }
        }
        int n = training.size();
        for (int i = 0; i < df.length; i++) {
            // Features never seen in training get no weight, as out-of-vocabulary words in a fitted vocabulary.
            df[i] = df[i] == 0 ? 0f : (float) (Math.log((1.0 + n) / (1.0 + df[i])) + 1.0);
        }
        return df;
    }

    FeatureSpec spec() {
        return spec;
    }

    float[] wordIdf() {
        return wordIdf;
    }

    float[] charIdf() {
        return charIdf;
    }

    float[] cueIdf() {
        return cueIdf;
    }

    int dimension() {
        return GROUP_OFFSET + (spec.groupScale() > 0 ? GROUP_BUCKETS : 0);
    }

    SparseVector vector(RawFeatures raw) {
        var builder = new SparseVectorBuilder();
        var groupCopies = spec.groupScale() > 0 && raw.group != null ? new SparseVectorBuilder() : null;
        if (spec.titleTokens() > 0) {
            addDense(builder, groupCopies, raw.titleEmbedding, TITLE_OFFSET, raw.group);
        }
        if (spec.textTokens() > 0) {
            addDense(builder, groupCopies, raw.textEmbedding, TEXT_OFFSET, raw.group);
        }
        addTfIdf(builder, groupCopies, raw.wordCounts, wordIdf, WORD_OFFSET, spec.wordScale(), raw.group);
        addTfIdf(builder, groupCopies, raw.charCounts, charIdf, CHAR_OFFSET, spec.charScale(), raw.group);
        addTfIdf(builder, groupCopies, raw.cueCounts, cueIdf, CUE_OFFSET, spec.cueScale(), raw.group);
        SparseVector base = builder.build();
        if (groupCopies == null) {
            return base;
        }
        SparseVector copies = groupCopies.build();
        var all = new SparseVectorBuilder();
        for (int i = 0; i < base.size(); i++) {
            all.add(base.index(i), base.value(i));
        }
        for (int i = 0; i < copies.size(); i++) {
            all.add(copies.index(i), copies.value(i));
        }
        return all.build();
    }

    private void addDense(SparseVectorBuilder builder, SparseVectorBuilder copies, float[] embedding, int offset,
                          String group) {
        if (embedding == null || spec.embeddingScale() == 0) {
            return;
        }
        for (int i = 0; i < embedding.length; i++) {
            float value = (float) (embedding[i] * spec.embeddingScale());
            builder.add(offset + i, value);
            addCopy(copies, offset + i, embedding[i], group);
        }
    }

    private void addTfIdf(SparseVectorBuilder builder, SparseVectorBuilder copies, SparseVector counts, float[] idf,
                          int offset, double scale, String group) {
        if (scale == 0) {
            return;
        }
        double norm = 0;
        float[] weights = new float[counts.size()];
        for (int i = 0; i < counts.size(); i++) {
            float w = (float) ((1 + Math.log(counts.value(i))) * idf[counts.index(i)]);
            weights[i] = w;
            norm += (double) w * w;
        }
        if (norm == 0) {
            return;
        }
        double factor = 1.0 / Math.sqrt(norm);
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0f) {
                float unit = (float) (weights[i] * factor);
                builder.add(offset + counts.index(i), (float) (unit * scale));
                addCopy(copies, offset + counts.index(i), unit, group);
            }
        }
    }

    private void addCopy(SparseVectorBuilder copies, int index, float unitValue, String group) {
        if (copies == null) {
            return;
        }
        long hash = NGrams.mix(group.hashCode() * 0x9E3779B97F4A7C15L + index);
        copies.add(GROUP_OFFSET + (int) (hash & (GROUP_BUCKETS - 1)), (float) (unitValue * spec.groupScale()));
    }
}
