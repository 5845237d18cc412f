package dev.deskloop.triage.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.deskloop.triage.model.MiniLmEncoder;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EncoderHeadTest {

    /** A head over 384 values that looks only at the first two: label "a" at value 0, "b" at value 1. */
    private static String json(int rows, int width) {
        String[] weight = new String[rows];
        for (int k = 0; k < rows; k++) {
            int row = k;
            weight[k] = IntStream.range(0, width).mapToObj(i -> i == row ? "1.0" : "0")
                    .collect(Collectors.joining(",", "[", "]"));
        }
        return "{\"labels\":[\"a\",\"b\"],\"scale\":20.0,\"weight\":[" + String.join(",", weight)
                + "],\"bias\":[0.5,-0.5]}";
    }

    @Test
    void givesTheLogProbabilitiesOfTheLinearLayerOverTheScaledEmbedding() throws IOException {
        EncoderHead head = EncoderHead.parse(json(2, MiniLmEncoder.DIMENSION));
        float[] embedding = new float[MiniLmEncoder.DIMENSION];
        embedding[1] = 0.1f;

        double[] log = head.logProbabilities(embedding);

        // logits: a = 0.5, b = 20 * 0.1 - 0.5 = 1.5
        double expectedB = 1.5 - Math.log(Math.exp(0.5) + Math.exp(1.5));
        assertThat(head.labels()).containsExactly("a", "b");
        assertThat(log[1]).isCloseTo(expectedB, within(1e-6));
        assertThat(Math.exp(log[0]) + Math.exp(log[1])).isCloseTo(1.0, within(1e-9));
        assertThat(log[1]).isGreaterThan(log[0]);
    }

    @Test
    void staysFiniteForLargeLogits() throws IOException {
        EncoderHead head = EncoderHead.parse(json(2, MiniLmEncoder.DIMENSION));
        float[] embedding = new float[MiniLmEncoder.DIMENSION];
        embedding[0] = 1000f;

        assertThat(Arrays.stream(head.logProbabilities(embedding)).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void refusesAHeadThatDoesNotFitTheEncoder() {
        assertThatThrownBy(() -> EncoderHead.parse(json(2, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 values");
        assertThatThrownBy(() -> EncoderHead.parse(json(1, MiniLmEncoder.DIMENSION)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one weight row");
    }
}
