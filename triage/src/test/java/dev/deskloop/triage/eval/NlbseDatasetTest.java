package dev.deskloop.triage.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NlbseDatasetTest {

    @Test
    void readsQuotedMultiLineFieldsLongerThan128KiB(@TempDir Path dir) throws IOException {
        String huge = "x".repeat(200_000);
        Path csv = Files.writeString(dir.resolve("issues.csv"), "repo,created_at,label,title,body\n"
                + "facebook/react,2023-08-26 06:33:37,bug,\"Crash, \"\"again\"\"\",\"### Steps\n\n1. Run app\n" + huge
                + "\"\n"
                + "opencv/opencv,2023-01-01 00:00:00,question,How to build?,short\n");

        List<NlbseIssue> issues = NlbseDataset.read(csv);

        assertThat(issues).hasSize(2);
        assertThat(issues.get(0).title()).isEqualTo("Crash, \"again\"");
        assertThat(issues.get(0).body()).startsWith("### Steps\n\n1. Run app\n").hasSize(200_000 + 22);
        assertThat(issues.get(1).label()).isEqualTo("question");
    }
}
