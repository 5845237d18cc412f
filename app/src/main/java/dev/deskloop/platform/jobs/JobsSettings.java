package dev.deskloop.platform.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the job queue runs: worker threads, how often it polls for due jobs, and {@code manual} for tests, where
 * nothing runs until the test asks for the due jobs to run.
 */
@ConfigurationProperties("deskloop.jobs")
public record JobsSettings(int threads, Duration pollingInterval, boolean manual) {

    public JobsSettings {
        if (threads < 1) {
            threads = 8;
        }
        if (pollingInterval == null || pollingInterval.isNegative() || pollingInterval.isZero()) {
            pollingInterval = Duration.ofSeconds(2);
        }
    }
}
