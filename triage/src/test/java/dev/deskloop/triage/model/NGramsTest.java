package dev.deskloop.triage.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NGramsTest {

    @Test
    void foldsDigitsSoThatSimilarErrorCodesShareFeatures() {
        SparseVector a = NGrams.words("", "error 500");
        SparseVector b = NGrams.words("", "error 502");

        assertThat(a.toString()).isEqualTo(b.toString());
    }

    @Test
    void countsTitleWordsSeparately() {
        assertThat(NGrams.words("refund", "").size()).isEqualTo(1);
        assertThat(NGrams.words("refund", "").toString()).isNotEqualTo(NGrams.words("", "refund").toString());
    }

    @Test
    void handlesEmptyAndHugeText() {
        assertThat(NGrams.chars("").size()).isZero();
        assertThat(NGrams.chars("x".repeat(100_000)).size()).isPositive();
    }

    @Test
    void hashesWholeCuesIntoTheirOwnBlock() {
        SparseVector cues = NGrams.cues(java.util.List.of("issue type = bug", "issue type = bug", "heading steps"));

        assertThat(cues.size()).isEqualTo(2);
        assertThat(NGrams.cues(java.util.List.of()).size()).isZero();
        for (int i = 0; i < cues.size(); i++) {
            assertThat(cues.index(i)).isBetween(0, NGrams.CUE_BUCKETS - 1);
        }
    }
}
