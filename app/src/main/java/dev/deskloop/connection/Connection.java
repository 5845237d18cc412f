package dev.deskloop.connection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.helpdesk.WebhookRegistration;

/**
 * A workspace's link to one Zendesk account or Intercom workspace, as shown and reasoned about. Tokens are not part
 * of it: they stay encrypted in the database and are read only through {@link ConnectionTokens}.
 */
public record Connection(UUID id, UUID workspaceId, ProviderId provider, ConnectionStatus status, String account,
                         String accountName, String actingUserId, Instant accessExpiresAt, Instant refreshExpiresAt,
                         String webhookId, List<String> triggerIds, Instant connectedAt, Instant disconnectedAt,
                         String lastError, Instant lastErrorAt, Instant createdAt, Instant updatedAt,
                         String scopeFilter) {

    /** What to call the connected account on a page: "acme.zendesk.com", an Intercom workspace name. */
    public String label() {
        return accountName != null ? accountName : account != null ? account : provider.displayName();
    }

    /** What is registered at the provider for this connection, as far as removing it goes (no secret). */
    public WebhookRegistration registration() {
        return new WebhookRegistration(webhookId, triggerIds, null);
    }
}
