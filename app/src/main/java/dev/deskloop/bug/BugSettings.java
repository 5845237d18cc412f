package dev.deskloop.bug;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bug grouping: a bug ticket joins an open bug of the same service when the MiniLM cosine similarity of their texts
 * ({@link BugText}) is at least {@code similarityThreshold}. The default was chosen on the labelled set (docs/bugs.md).
 */
@ConfigurationProperties("deskloop.bugs")
public record BugSettings(Double similarityThreshold) {

    public static final double DEFAULT_THRESHOLD = 0.75;

    public BugSettings {
        if (similarityThreshold == null) {
            similarityThreshold = DEFAULT_THRESHOLD;
        }
        if (similarityThreshold <= 0 || similarityThreshold > 1) {
            throw new IllegalArgumentException("deskloop.bugs.similarity-threshold must be in (0, 1], got "
                    + similarityThreshold);
        }
    }
}
