package dev.deskloop.writeback;

import dev.deskloop.platform.jobs.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of writes into tickets ({@code deskloop.writeback.*}): the retry policy of the {@code deliver-outbox} job
 * ({@code retry.max-attempts}, {@code retry.first-retry}, {@code retry.max-retry}) and the pacing that keeps Deskloop
 * inside the providers' limits:
 * <ul>
 * <li>Zendesk allows 100 ticket updates a minute per account (agents' updates included), so Deskloop sends at most
 * {@code zendeskWritesPerMinute} (90) per connection and leaves the rest to the agents;</li>
 * <li>Intercom allows a public app 10,000 calls a minute, counted in 10-second windows and shared by every workspace
 * that installed it, so Deskloop sends at most {@code intercomWritesPerTenSeconds} (1,000) writes in any 10 s over all
 * its Intercom connections, which leaves a third of the budget to fetching conversations.</li>
 * </ul>
 */
@ConfigurationProperties("deskloop.writeback")
public record WritebackSettings(RetryPolicy retry, int zendeskWritesPerMinute, int intercomWritesPerTenSeconds) {

    public WritebackSettings {
        if (retry == null) {
            retry = RetryPolicy.DEFAULT;
        }
        if (zendeskWritesPerMinute < 1) {
            zendeskWritesPerMinute = 90;
        }
        if (intercomWritesPerTenSeconds < 1) {
            intercomWritesPerTenSeconds = 1_000;
        }
    }
}
