package dev.deskloop.triage.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskloop.triage.model.MiniLmEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ShippedNlbseHeadTest {

    @Test
    void theShippedFineTunedCopyLoadsAndTellsTheThreeKindsApart() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream(NlbseEvaluation.HEAD)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var fusion = new NlbseEvaluation.Fusion(MiniLmEncoder.load(NlbseEvaluation.ENCODER), EncoderHead.parse(json),
                List.of(NlbseEvaluation.HEAD_WEIGHT));
        List<NlbseIssue> issues = List.of(
                new NlbseIssue("facebook/react", "bug", "Crash on save",
                        "Steps to reproduce: open the editor, click save. The app crashes with a NullPointerException."),
                new NlbseIssue("facebook/react", "feature", "Support dark mode",
                        "It would be great if you could add an option for a dark theme."),
                new NlbseIssue("facebook/react", "question", "How do I configure a proxy?",
                        "Where do I set the HTTP proxy? I could not find it in the documentation."));

        double[][] log = fusion.logProbabilities(issues);

        for (int i = 0; i < issues.size(); i++) {
            int best = 0;
            for (int k = 1; k < log[i].length; k++) {
                best = log[i][k] > log[i][best] ? k : best;
            }
            assertThat(NlbseEvaluation.LABELS.get(best)).as(issues.get(i).title()).isEqualTo(issues.get(i).label());
        }
    }

    @Test
    void severalCopiesAverageTheirLogProbabilities() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream(NlbseEvaluation.HEAD)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        MiniLmEncoder encoder = MiniLmEncoder.load(NlbseEvaluation.ENCODER);
        var shipped = new NlbseEvaluation.Member(encoder, EncoderHead.parse(json));
        // a head without weights: log(1/3) for every label, whatever the text
        var uniform = new NlbseEvaluation.Member(encoder, new EncoderHead(NlbseEvaluation.LABELS, 1.0,
                new double[3][MiniLmEncoder.DIMENSION], new double[3]));
        List<NlbseIssue> issues = List.of(new NlbseIssue("opencv/opencv", "bug", "imread returns empty Mat",
                "cv::imread returns an empty matrix for PNG files since 4.9."));

        double[] alone = new NlbseEvaluation.Fusion(List.of(shipped), List.of(0.5)).logProbabilities(issues)[0];
        double[] averaged = new NlbseEvaluation.Fusion(List.of(shipped, uniform), List.of(0.5))
                .logProbabilities(issues)[0];

        for (int k = 0; k < alone.length; k++) {
            assertThat(averaged[k]).isCloseTo((alone[k] + Math.log(1.0 / 3)) / 2, Offset.offset(1e-9));
        }
    }
}
