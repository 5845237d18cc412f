package dev.deskloop.helpdesk;

import java.util.List;

/**
 * What was registered at the provider so that it sends us events, and the secret its deliveries are signed with.
 * Intercom subscriptions belong to the app, so there nothing is registered per connection.
 */
public record WebhookRegistration(String webhookId, List<String> triggerIds, String signingSecret) {

    public static final WebhookRegistration NONE = new WebhookRegistration(null, List.of(), null);

    public WebhookRegistration {
        triggerIds = triggerIds == null ? List.of() : List.copyOf(triggerIds);
    }

    @Override
    public String toString() {
        return "WebhookRegistration[webhookId=" + webhookId + ", triggerIds=" + triggerIds + "]";
    }
}
