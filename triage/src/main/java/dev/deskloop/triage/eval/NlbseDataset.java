package dev.deskloop.triage.eval;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code issues_train.csv} / {@code issues_test.csv} of NLBSE'24 ({@code repo, created_at, label, title,
 * body}). Bodies span lines and some exceed 128 KiB, which Commons CSV reads without a field limit.
 */
final class NlbseDataset {

    private NlbseDataset() {
    }

    static List<NlbseIssue> read(Path csv) throws IOException {
        var format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<NlbseIssue> issues = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord row : parser) {
                issues.add(new NlbseIssue(row.get("repo"), row.get("label"), row.get("title"), row.get("body")));
            }
        }
        return issues;
    }
}
