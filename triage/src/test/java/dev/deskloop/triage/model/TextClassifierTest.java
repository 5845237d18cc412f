package dev.deskloop.triage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Uses only the TF-IDF blocks (no embedding), so that it runs without the MiniLM model. */
class TextClassifierTest {

    private static final FeatureSpec NGRAMS_ONLY = new FeatureSpec(0, 0, 0, 1, 1, 0, 4000, 1e-3, true);

    private static RawFeatures features(String text) {
        return new RawFeatures(null, null, NGrams.words("", text), NGrams.chars(text), null);
    }

    private static TextClassifier train() {
        List<RawFeatures> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        String[][] data = {
            {"we were charged twice, please refund the invoice", "billing"},
            {"refund our subscription charge", "billing"},
            {"the invoice from you has the wrong amount charged", "billing"},
            {"the app crashes with an error when I open a job", "bug"},
            {"error 500 on the dispatch board, it is broken", "bug"},
            {"export is broken and shows an error", "bug"},
        };
        for (String[] row : data) {
            texts.add(features(row[0]));
            labels.add(row[1]);
        }
        return TextClassifier.train(NGRAMS_ONLY, texts, labels);
    }

    private static String predict(TextClassifier classifier, String text) {
        double[] p = classifier.probabilities(features(text));
        return p[0] > p[1] ? classifier.labels().get(0) : classifier.labels().get(1);
    }

    @Test
    void learnsFromExamples() {
        TextClassifier classifier = train();

        assertThat(classifier.labels()).containsExactly("billing", "bug");
        assertThat(predict(classifier, "please refund the double charge")).isEqualTo("billing");
        assertThat(predict(classifier, "the report crashes with an error")).isEqualTo("bug");
    }

    @Test
    void givesProbabilitiesThatSumToOne() {
        double[] p = train().probabilities(features("something completely different"));

        assertThat(p[0] + p[1]).isCloseTo(1.0, within(1e-9));
        assertThat(p[0]).isBetween(0.0, 1.0);
        assertThat(p[1]).isBetween(0.0, 1.0);
    }

    @Test
    void trainsDeterministically() {
        double[] first = train().probabilities(features("refund the error"));
        double[] second = train().probabilities(features("refund the error"));

        assertThat(first).containsExactly(second);
    }

    @Test
    void survivesWritingAndReading() throws IOException {
        TextClassifier classifier = train();
        var bytes = new ByteArrayOutputStream();
        classifier.write(new DataOutputStream(bytes));

        TextClassifier read = TextClassifier.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(read.labels()).isEqualTo(classifier.labels());
        assertThat(read.spec()).isEqualTo(classifier.spec());
        double[] expected = classifier.probabilities(features("charged twice after the crash"));
        double[] actual = read.probabilities(features("charged twice after the crash"));
        assertThat(actual[0]).isCloseTo(expected[0], within(1e-6));
    }

    @Test
    void learnsFromStructureCuesAndKeepsThemWhenWrittenAndRead() throws IOException {
        var spec = new FeatureSpec(0, 0, 0, 0, 0, 0, 4000, 1e-3, true, 1.0);
        List<RawFeatures> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            texts.add(cueFeatures("issue type = bug", "heading version " + i));
            labels.add("bug");
            texts.add(cueFeatures("issue type = feature request", "heading version " + i));
            labels.add("feature");
        }
        TextClassifier classifier = TextClassifier.train(spec, texts, labels);
        var bytes = new ByteArrayOutputStream();
        classifier.write(new DataOutputStream(bytes));
        TextClassifier read = TextClassifier.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(read.spec()).isEqualTo(spec);
        double[] p = read.probabilities(cueFeatures("issue type = feature request"));
        assertThat(read.labels().get(p[0] > p[1] ? 0 : 1)).isEqualTo("feature");
        assertThat(p[0]).isCloseTo(classifier.probabilities(cueFeatures("issue type = feature request"))[0],
                within(1e-6));
    }

    private static RawFeatures cueFeatures(String... cues) {
        return RawFeatures.of(new ClassifierInput("", "", null, List.of(cues)),
                new FeatureSpec(0, 0, 0, 0, 0, 0, 4000, 1e-3, true, 1.0), null);
    }
}
