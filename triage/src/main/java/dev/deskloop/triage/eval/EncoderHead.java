package dev.deskloop.triage.eval;

import dev.deskloop.triage.json.TriageJson;
import dev.deskloop.triage.model.MiniLmEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The linear layer that was trained together with a fine-tuned encoder: its log-probabilities for a unit-length
 * embedding of that encoder ({@code softmax(W · (scale · e) + b)}). Immutable and thread-safe.
 *
 * @param labels the labels in the order of the rows of {@code weight}
 */
public record EncoderHead(List<String> labels, double scale, double[][] weight, double[] bias) {

    public EncoderHead {
        labels = List.copyOf(labels);
        if (labels.isEmpty() || weight.length != labels.size() || bias.length != labels.size()) {
            throw new IllegalArgumentException("the head needs one weight row and one bias per label");
        }
        for (double[] row : weight) {
            if (row.length != MiniLmEncoder.DIMENSION) {
                throw new IllegalArgumentException("a weight row has " + row.length + " values, not "
                        + MiniLmEncoder.DIMENSION);
            }
        }
    }

    /** Reads {@code {"labels": [...], "scale": s, "weight": [[...], ...], "bias": [...]}}. */
    public static EncoderHead parse(String json) throws IOException {
        JsonNode root = TriageJson.parse(json);
        List<String> labels = new ArrayList<>();
        root.path("labels").forEach(label -> labels.add(label.asString()));
        double[][] weight = new double[root.path("weight").size()][];
        for (int k = 0; k < weight.length; k++) {
            weight[k] = numbers(root.path("weight").get(k));
        }
        return new EncoderHead(labels, root.path("scale").asDouble(1.0), weight, numbers(root.path("bias")));
    }

    private static double[] numbers(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    /** The natural-log probability of each label, in the order of {@link #labels()}. */
    public double[] logProbabilities(float[] embedding) {
        double[] logits = new double[labels.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logits.length; k++) {
            double sum = bias[k];
            for (int i = 0; i < embedding.length; i++) {
                sum += weight[k][i] * scale * embedding[i];
            }
            logits[k] = sum;
            max = Math.max(max, sum);
        }
        double total = 0;
        for (double logit : logits) {
            total += Math.exp(logit - max);
        }
        double log = max + Math.log(total);
        for (int k = 0; k < logits.length; k++) {
            logits[k] -= log;
        }
        return logits;
    }
}
