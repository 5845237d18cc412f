package dev.deskloop.triage.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A text classifier over MiniLM embeddings and TF-IDF n-grams: a multinomial logistic regression trained in pure
 * Java. Immutable and thread-safe once trained or read; it can be written to a compact binary form that ships
 * inside the jar.
 */
public final class TextClassifier {

    private static final int MAGIC = 0x444C5443; // "DLTC"
    private static final int FORMAT = 3;

    private final List<String> labels;
    private final FeatureSpace space;
    private final SoftmaxRegression.Weights weights;

    private TextClassifier(List<String> labels, FeatureSpace space, SoftmaxRegression.Weights weights) {
        this.labels = List.copyOf(labels);
        this.space = space;
        this.weights = weights;
    }

    /** Trains on texts whose raw features were computed with the same {@code spec}. */
    public static TextClassifier train(FeatureSpec spec, List<RawFeatures> texts, List<String> textLabels) {
        if (texts.size() != textLabels.size() || texts.isEmpty()) {
            throw new IllegalArgumentException("need as many labels as texts, and at least one text");
        }
        List<String> labels = List.copyOf(new TreeSet<>(textLabels));
        FeatureSpace space = FeatureSpace.fit(spec, texts);
        List<SparseVector> vectors = new ArrayList<>(texts.size());
        for (RawFeatures text : texts) {
            vectors.add(space.vector(text));
        }
        int[] y = textLabels.stream().mapToInt(labels::indexOf).toArray();
        var weights = SoftmaxRegression.train(vectors, y, labels.size(), space.dimension(), spec.l2(),
                spec.balanced());
        return new TextClassifier(labels, space, weights);
    }

    /** The labels in the order of {@link #probabilities}. */
    public List<String> labels() {
        return labels;
    }

    public FeatureSpec spec() {
        return space.spec();
    }

    /** The probability of each label for a text, in the order of {@link #labels()}. */
    public double[] probabilities(RawFeatures text) {
        return weights.probabilities(space.vector(text));
    }

    /** Writes the classifier in a compact binary form (only non-zero parameters). */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        FeatureSpec spec = space.spec();
        out.writeInt(spec.titleTokens());
        out.writeInt(spec.textTokens());
        out.writeDouble(spec.embeddingScale());
        out.writeDouble(spec.wordScale());
        out.writeDouble(spec.charScale());
        out.writeDouble(spec.groupScale());
        out.writeInt(spec.maxChars());
        out.writeDouble(spec.l2());
        out.writeBoolean(spec.balanced());
        out.writeDouble(spec.cueScale());
        out.writeInt(labels.size());
        for (String label : labels) {
            out.writeUTF(label);
        }
        writeSparse(out, space.wordIdf());
        writeSparse(out, space.charIdf());
        writeSparse(out, space.cueIdf());
        out.writeInt(weights.dimension());
        for (int k = 0; k < labels.size(); k++) {
            out.writeFloat(weights.bias()[k]);
        }
        int dimension = weights.dimension();
        int nonZero = 0;
        for (int f = 0; f < dimension; f++) {
            if (column(f) != null) {
                nonZero++;
            }
        }
        out.writeInt(nonZero);
        for (int f = 0; f < dimension; f++) {
            float[] column = column(f);
            if (column != null) {
                out.writeInt(f);
                for (float v : column) {
                    out.writeFloat(v);
                }
            }
        }
    }

    private float[] column(int feature) {
        int classes = labels.size();
        float[] column = new float[classes];
        boolean any = false;
        for (int k = 0; k < classes; k++) {
            column[k] = weights.weights()[k * weights.dimension() + feature];
            any |= column[k] != 0f;
        }
        return any ? column : null;
    }

    /** Reads a classifier written by {@link #write}. */
    public static TextClassifier read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
            throw new IOException("not a Deskloop text classifier of format " + FORMAT);
        }
        var spec = new FeatureSpec(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readInt(), in.readDouble(), in.readBoolean(), in.readDouble());
        int classes = in.readInt();
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            labels.add(in.readUTF());
        }
        float[] wordIdf = readSparse(in, NGrams.WORD_BUCKETS);
        float[] charIdf = readSparse(in, NGrams.CHAR_BUCKETS);
        float[] cueIdf = readSparse(in, NGrams.CUE_BUCKETS);
        int dimension = in.readInt();
        float[] bias = new float[classes];
        for (int k = 0; k < classes; k++) {
            bias[k] = in.readFloat();
        }
        float[] weights = new float[classes * dimension];
        int nonZero = in.readInt();
        for (int i = 0; i < nonZero; i++) {
            int f = in.readInt();
            for (int k = 0; k < classes; k++) {
                weights[k * dimension + f] = in.readFloat();
            }
        }
        var space = new FeatureSpace(spec, wordIdf, charIdf, cueIdf);
        return new TextClassifier(labels, space, new SoftmaxRegression.Weights(classes, dimension, weights, bias));
    }

    private static void writeSparse(DataOutputStream out, float[] values) throws IOException {
        int nonZero = 0;
        for (float v : values) {
            if (v != 0f) {
                nonZero++;
            }
        }
        out.writeInt(nonZero);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0f) {
                out.writeInt(i);
                out.writeFloat(values[i]);
            }
        }
    }

    private static float[] readSparse(DataInputStream in, int length) throws IOException {
        float[] values = new float[length];
        int nonZero = in.readInt();
        for (int i = 0; i < nonZero; i++) {
            values[in.readInt()] = in.readFloat();
        }
        return values;
    }
}
