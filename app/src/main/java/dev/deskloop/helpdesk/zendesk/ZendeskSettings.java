package dev.deskloop.helpdesk.zendesk;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Zendesk OAuth client Deskloop uses and the lifetimes it asks for. {@code baseUrl} is a template with
 * {@code {subdomain}}; it is overridden only to point at the simulator.
 */
@ConfigurationProperties("deskloop.zendesk")
public record ZendeskSettings(String clientId, String clientSecret, String baseUrl, String scopes,
                              Duration accessTokenLifetime, Duration refreshTokenLifetime) {

    public ZendeskSettings {
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = "https://{subdomain}.zendesk.com";
        }
        if (!baseUrl.contains("{subdomain}")) {
            throw new IllegalArgumentException("deskloop.zendesk.base-url must contain {subdomain}");
        }
        if (scopes == null || scopes.isBlank()) {
            scopes = "read write";
        }
        // Zendesk accepts 5 min < access < 48 h and 7 d < refresh < 90 d; always ask explicitly.
        if (accessTokenLifetime == null) {
            accessTokenLifetime = Duration.ofHours(2);
        }
        if (refreshTokenLifetime == null) {
            refreshTokenLifetime = Duration.ofDays(30);
        }
        if (accessTokenLifetime.toSeconds() <= 300 || accessTokenLifetime.toSeconds() >= 172_800) {
            throw new IllegalArgumentException("deskloop.zendesk.access-token-lifetime must be between 5 minutes and 48 hours");
        }
        if (refreshTokenLifetime.toSeconds() <= 604_800 || refreshTokenLifetime.toSeconds() >= 7_776_000
                || refreshTokenLifetime.compareTo(accessTokenLifetime) <= 0) {
            throw new IllegalArgumentException("deskloop.zendesk.refresh-token-lifetime must be between 7 and 90 days");
        }
    }

    public boolean configured() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }

    String base(String subdomain) {
        return baseUrl.replace("{subdomain}", subdomain);
    }

    @Override
    public String toString() {
        return "ZendeskSettings[clientId=" + clientId + ", baseUrl=" + baseUrl + ", scopes=" + scopes + "]";
    }
}
