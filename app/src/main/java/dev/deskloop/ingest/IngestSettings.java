package dev.deskloop.ingest;

import java.time.Duration;

import dev.deskloop.platform.jobs.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of delivery intake and processing ({@code deskloop.ingest.*}): the retry policy of the
 * {@code process-delivery} job ({@code retry.max-attempts}, {@code retry.first-retry}, {@code retry.max-retry}), and
 * how many deliveries one instance takes in at once ({@code max-concurrent-deliveries}); a delivery beyond that
 * waits up to {@code admission-wait} for a turn, then is answered 429 with {@code Retry-After}.
 */
@ConfigurationProperties("deskloop.ingest")
public record IngestSettings(RetryPolicy retry, int maxConcurrentDeliveries, Duration admissionWait) {

    public IngestSettings {
        if (retry == null) {
            retry = RetryPolicy.DEFAULT;
        }
        if (maxConcurrentDeliveries < 1) {
            maxConcurrentDeliveries = 64;
        }
        if (admissionWait == null || admissionWait.isNegative()) {
            admissionWait = Duration.ofSeconds(2);
        }
    }
}
