package dev.deskloop.helpdesk.intercom;

import java.util.function.Consumer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpHeaders;

/**
 * The Intercom app Deskloop uses. The base URLs are overridden only to point at the simulator.
 * {@code tokenRequestFormat} is {@code form} (Intercom's own sample) or {@code json}.
 */
@ConfigurationProperties("deskloop.intercom")
public record IntercomSettings(String clientId, String clientSecret, String apiBaseUrl, String appBaseUrl,
                               String apiVersion, String tokenRequestFormat) {

    public IntercomSettings {
        if (apiBaseUrl == null || apiBaseUrl.isBlank()) {
            apiBaseUrl = "https://api.intercom.io";
        }
        if (appBaseUrl == null || appBaseUrl.isBlank()) {
            appBaseUrl = "https://app.intercom.com";
        }
        if (apiVersion == null || apiVersion.isBlank()) {
            apiVersion = "2.14";
        }
        if (tokenRequestFormat == null || tokenRequestFormat.isBlank()) {
            tokenRequestFormat = "form";
        }
        if (!tokenRequestFormat.equals("form") && !tokenRequestFormat.equals("json")) {
            throw new IllegalArgumentException("deskloop.intercom.token-request-format must be form or json");
        }
        apiBaseUrl = trimSlash(apiBaseUrl);
        appBaseUrl = trimSlash(appBaseUrl);
    }

    /** The headers of every API call: the workspace's bearer token and the pinned API version. */
    Consumer<HttpHeaders> authorized(String accessToken) {
        return headers -> {
            headers.setBearerAuth(accessToken);
            headers.set("Intercom-Version", apiVersion);
        };
    }

    public boolean configured() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "IntercomSettings[clientId=" + clientId + ", apiBaseUrl=" + apiBaseUrl + ", appBaseUrl=" + appBaseUrl + "]";
    }
}
