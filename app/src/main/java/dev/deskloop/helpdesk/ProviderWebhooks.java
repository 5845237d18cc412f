package dev.deskloop.helpdesk;

import java.net.URI;

/** Registers and removes what makes the provider send us ticket events. */
public interface ProviderWebhooks {

    /** Registers the webhook (and triggers); on failure removes whatever it created before throwing. */
    WebhookRegistration register(String account, String accessToken, URI webhookUrl);

    /** Removes a registration; things already gone at the provider are fine. */
    void unregister(String account, String accessToken, WebhookRegistration registration);
}
