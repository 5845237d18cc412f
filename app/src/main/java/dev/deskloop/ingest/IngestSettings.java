package dev.deskloop.ingest;

import dev.deskloop.platform.jobs.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of delivery processing ({@code deskloop.ingest.*}): the retry policy of the {@code process-delivery} job
 * ({@code deskloop.ingest.retry.max-attempts}, {@code first-retry}, {@code max-retry}).
 */
@ConfigurationProperties("deskloop.ingest")
public record IngestSettings(RetryPolicy retry) {

    public IngestSettings {
        if (retry == null) {
            retry = RetryPolicy.DEFAULT;
        }
    }
}
