package dev.deskloop.connection;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How long an OAuth state lives and how early before expiry access tokens are refreshed. */
@ConfigurationProperties("deskloop.connections")
public record ConnectionSettings(Duration stateLifetime, Duration refreshMargin) {

    public ConnectionSettings {
        if (stateLifetime == null || stateLifetime.isNegative() || stateLifetime.isZero()) {
            stateLifetime = Duration.ofMinutes(10);
        }
        if (refreshMargin == null || refreshMargin.isNegative()) {
            refreshMargin = Duration.ofMinutes(10);
        }
    }
}
