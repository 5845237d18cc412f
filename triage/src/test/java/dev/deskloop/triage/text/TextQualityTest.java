package dev.deskloop.triage.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextQualityTest {

    @Test
    void englishProseKeepsFullConfidence() {
        var quality = TextQuality.of("The invoice PDF is blank when I download it from the invoice page, "
                + "and it was fine yesterday.");

        assertThat(quality.confidenceFactor()).isEqualTo(1.0);
    }

    @Test
    void garbageForeignOrTinyTextLowersConfidence() {
        assertThat(TextQuality.of("🙂🙂🙂").confidenceFactor()).isLessThan(0.5);
        assertThat(TextQuality.of("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3"
                + "ODkrLw==").confidenceFactor()).isLessThan(0.5);
        assertThat(TextQuality.of("Die Rechnung ist leer, bitte prüfen Sie das schnell, danke schön.")
                .confidenceFactor()).isLessThan(0.5);
    }
}
