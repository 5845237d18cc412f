package dev.deskloop.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {

    @Test
    void readsTheEnvironment() {
        var settings = LlmSettings.fromEnvironment(Map.of("DESKLOOP_LLM_BASE_URL", "http://localhost:11434/v1",
                "DESKLOOP_LLM_MODEL", "llama3.1", "DESKLOOP_LLM_TIMEOUT_SECONDS", "12.5")).orElseThrow();

        assertThat(settings.model()).isEqualTo("llama3.1");
        assertThat(settings.apiKey()).isNull();
        assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(12_500));
    }

    @Test
    void isAbsentWithoutBaseUrlOrModel() {
        assertThat(LlmSettings.fromEnvironment(Map.of("DESKLOOP_LLM_MODEL", "x"))).isEmpty();
        assertThat(LlmSettings.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void neverPrintsTheKeyAndRejectsBadValues() {
        var settings = LlmSettings.fromEnvironment(Map.of("DESKLOOP_LLM_BASE_URL", "https://api.example.com/v1",
                "DESKLOOP_LLM_MODEL", "m", "DESKLOOP_LLM_API_KEY", "sk-secret-value")).orElseThrow();

        assertThat(settings.toString()).doesNotContain("sk-secret-value").contains("***");
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of("DESKLOOP_LLM_BASE_URL", "ftp://x",
                "DESKLOOP_LLM_MODEL", "m"))).hasMessageContaining("http");
    }
}
