package dev.deskloop.triage;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an OpenAI-compatible chat-completions endpoint (hosted, or local such as Ollama's
 * {@code http://localhost:11434/v1}). Read from {@code DESKLOOP_LLM_BASE_URL}, {@code DESKLOOP_LLM_MODEL},
 * {@code DESKLOOP_LLM_API_KEY} and optionally {@code DESKLOOP_LLM_TIMEOUT_SECONDS}. The API key never appears in
 * {@link #toString()}.
 *
 * @param baseUrl the API root, ending before {@code /chat/completions}
 * @param model the model name
 * @param apiKey the key, or null for endpoints that need none
 * @param timeout how long one answer may take before the built-in engine answers instead
 */
public record LlmSettings(URI baseUrl, String model, String apiKey, Duration timeout) {

    /** The timeout when none is configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public LlmSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("DESKLOOP_LLM_BASE_URL must be an http(s) URL: " + baseUrl);
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("DESKLOOP_LLM_MODEL is blank");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the LLM timeout must be positive: " + timeout);
        }
    }

    /** The settings in {@code environment}, empty when no base URL or model is configured. */
    public static Optional<LlmSettings> fromEnvironment(Map<String, String> environment) {
        String baseUrl = environment.get("DESKLOOP_LLM_BASE_URL");
        String model = environment.get("DESKLOOP_LLM_MODEL");
        if (baseUrl == null || baseUrl.isBlank() || model == null || model.isBlank()) {
            return Optional.empty();
        }
        String key = environment.get("DESKLOOP_LLM_API_KEY");
        String seconds = environment.get("DESKLOOP_LLM_TIMEOUT_SECONDS");
        Duration timeout = DEFAULT_TIMEOUT;
        if (seconds != null && !seconds.isBlank()) {
            try {
                timeout = Duration.ofMillis(Math.round(Double.parseDouble(seconds.strip()) * 1000));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("DESKLOOP_LLM_TIMEOUT_SECONDS is not a number: " + seconds);
            }
        }
        return Optional.of(new LlmSettings(URI.create(baseUrl.strip()), model.strip(),
                key == null || key.isBlank() ? null : key.strip(), timeout));
    }

    @Override
    public String toString() {
        return "LlmSettings[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", timeout=" + timeout + "]";
    }
}
