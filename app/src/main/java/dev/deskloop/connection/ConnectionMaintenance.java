package dev.deskloop.connection;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Recurring jobs of the connection module: refresh access tokens that expire soon (so that refresh tokens never
 * lapse on a quiet connection), read the time zone of desks connected before Deskloop read it, and delete OAuth states
 * that can no longer be used.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionMaintenance {

    private static final Logger log = LoggerFactory.getLogger(ConnectionMaintenance.class);

    @Bean
    RecurringTask<Void> refreshTokensTask(ConnectionTokens tokens) {
        return Tasks.recurring("refresh-tokens", FixedDelay.of(Duration.ofMinutes(5)))
                .execute((instance, context) -> {
                    int refreshed = tokens.refreshDue();
                    if (refreshed > 0) {
                        log.info("Refreshed the access tokens of {} connections", refreshed);
                    }
                });
    }

    @Bean
    RecurringTask<Void> readDeskZonesTask(DeskZones zones) {
        return Tasks.recurring("read-desk-zones", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> {
                    int read = zones.readUnread();
                    if (read > 0) {
                        log.info("Read the time zone of {} connected desks", read);
                    }
                });
    }

    @Bean
    RecurringTask<Void> purgeOAuthStatesTask(OAuthStates states) {
        return Tasks.recurring("purge-oauth-states", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> states.purge());
    }
}
