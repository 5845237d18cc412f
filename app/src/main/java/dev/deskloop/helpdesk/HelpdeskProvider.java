package dev.deskloop.helpdesk;

import java.util.Objects;

/** One support-desk provider: its id and the ports the rest of Deskloop uses it through. */
public record HelpdeskProvider(ProviderId id, ProviderAuth auth, ProviderWebhooks webhooks, ProviderEvents events,
                               HelpdeskClient client, HelpdeskWriter writer) {

    public HelpdeskProvider {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(writer, "writer");
    }
}
