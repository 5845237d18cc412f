package dev.deskloop.simulator.zendesk;

import java.util.List;

/** A snapshot of a webhook registered on a simulated account. */
public record ZendeskWebhook(String id, String name, String endpoint, String httpMethod, String requestFormat, String status,
                             List<String> subscriptions, String signingSecret) {

    public ZendeskWebhook {
        subscriptions = List.copyOf(subscriptions);
    }
}
