package dev.deskloop.simulator.zendesk;

import dev.deskloop.simulator.http.Secrets;
import java.time.Duration;
import java.util.List;

/**
 * How the simulated Zendesk behaves. Defaults follow {@code ZENDESK.md}; where Zendesk's documents
 * disagree or are silent (its section 9, "Open questions"), each choice is a setting here with the
 * documented default. See {@code docs/simulator.md} for the list.
 *
 * @param clientId                 the OAuth client's Unique Identifier
 * @param clientSecret             the OAuth client's secret
 * @param redirectUris             registered redirect URLs; empty accepts any http(s) URL
 * @param clientKind               confidential (secret and/or PKCE) or public (PKCE only)
 * @param requireKnownSubdomain    only subdomains created through the control API exist
 * @param requireStateAndPkce      refuse authorize requests without {@code state} or an S256 challenge
 *                                 (simulator strictness; Zendesk makes both optional for confidential clients)
 * @param codeTtl                  lifetime of an authorization code (120 s)
 * @param defaultAccessTtl         access token lifetime when {@code expires_in} is not sent (30 min)
 * @param defaultRefreshTtl        refresh token lifetime when {@code refresh_token_expires_in} is not sent (30 days)
 * @param expiresInReporting       whether the token response carries {@code expires_in} when it was not requested
 * @param rotationGrace            how long the previous pair keeps working after a refresh (none)
 * @param revokeKillsRefresh       revoking {@code current} also kills its refresh token
 * @param revokeRequiresReadWrite  revoking needs {@code read write} rather than any scope
 * @param tokenBodyAcceptsForm     the token endpoint also accepts form-encoded bodies (Zendesk documents JSON)
 * @param signatureOrder           what the webhook signature covers: timestamp then body, or body then timestamp
 * @param staticSigningSecret      sign every delivery with the static test secret instead of the webhook's own
 * @param eventStyle               ids and enums in event envelopes: strings and UPPERCASE, or numbers and lowercase
 * @param commentAddedWithCreated  a new ticket also emits {@code ticket.comment_added}
 * @param newInvocationIdPerRetry  each retry gets a new {@code x-zendesk-webhook-invocation-id}
 * @param deliveryTimeout          how long a delivery may take before it counts as failed (10 s)
 * @param retryDelays              delays before each retry; its size is the number of retries (3)
 * @param requestsPerMinute        account-wide API limit per minute (400, Growth/Professional)
 * @param ticketUpdatesPerMinute   limit on {@code PUT /api/v2/tickets/{id}} per minute (100)
 * @param rejectClosedTicketUpdates updates to closed tickets fail with 422
 * @param refuseDeletingWebhookInUse deleting a webhook still used by a trigger fails
 */
public record ZendeskSettings(
    String clientId,
    String clientSecret,
    List<String> redirectUris,
    ClientKind clientKind,
    boolean requireKnownSubdomain,
    boolean requireStateAndPkce,
    Duration codeTtl,
    Duration defaultAccessTtl,
    Duration defaultRefreshTtl,
    ExpiresInReporting expiresInReporting,
    Duration rotationGrace,
    boolean revokeKillsRefresh,
    boolean revokeRequiresReadWrite,
    boolean tokenBodyAcceptsForm,
    SignatureOrder signatureOrder,
    boolean staticSigningSecret,
    EventStyle eventStyle,
    boolean commentAddedWithCreated,
    boolean newInvocationIdPerRetry,
    Duration deliveryTimeout,
    List<Duration> retryDelays,
    int requestsPerMinute,
    int ticketUpdatesPerMinute,
    boolean rejectClosedTicketUpdates,
    boolean refuseDeletingWebhookInUse) {

    /** The fixed demo client id the simulator prints at start. */
    public static final String DEMO_CLIENT_ID = "deskloop-demo";

    /** OAuth client kinds (https://developer.zendesk.com/api-reference/ticketing/oauth/oauth_clients/). */
    public enum ClientKind { CONFIDENTIAL, PUBLIC }

    /** Whether an unrequested {@code expires_in} appears in token responses. */
    public enum ExpiresInReporting { ONLY_IF_REQUESTED, ALWAYS }

    /** The bytes the webhook signature covers. */
    public enum SignatureOrder { TIMESTAMP_BODY, BODY_TIMESTAMP }

    /** How event envelopes (subscription webhooks) spell ids and enums. */
    public enum EventStyle { STRINGS_UPPERCASE, NUMBERS_LOWERCASE }

    public ZendeskSettings {
        redirectUris = List.copyOf(redirectUris);
        retryDelays = List.copyOf(retryDelays);
    }

    /** The documented defaults, with a random client secret. */
    public static ZendeskSettings defaults() {
        return new ZendeskSettings(DEMO_CLIENT_ID, Secrets.hex(24), List.of(), ClientKind.CONFIDENTIAL, false, true,
            Duration.ofSeconds(120), Duration.ofMinutes(30), Duration.ofDays(30), ExpiresInReporting.ONLY_IF_REQUESTED,
            Duration.ZERO, true, false, false, SignatureOrder.TIMESTAMP_BODY, false, EventStyle.STRINGS_UPPERCASE, true,
            false, Duration.ofSeconds(10), List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(90)),
            400, 100, true, true);
    }

    public ZendeskSettings withClient(String id, String secret) {
        return new ZendeskSettings(id, secret, redirectUris, clientKind, requireKnownSubdomain, requireStateAndPkce, codeTtl, defaultAccessTtl, defaultRefreshTtl, expiresInReporting, rotationGrace, revokeKillsRefresh, revokeRequiresReadWrite, tokenBodyAcceptsForm, signatureOrder, staticSigningSecret, eventStyle, commentAddedWithCreated, newInvocationIdPerRetry, deliveryTimeout, retryDelays, requestsPerMinute, ticketUpdatesPerMinute, rejectClosedTicketUpdates, refuseDeletingWebhookInUse);
    }

    public ZendeskSettings withRedirectUris(List<String> uris) {
        return new ZendeskSettings(clientId, clientSecret, uris, clientKind, requireKnownSubdomain, requireStateAndPkce, codeTtl, defaultAccessTtl, defaultRefreshTtl, expiresInReporting, rotationGrace, revokeKillsRefresh, revokeRequiresReadWrite, tokenBodyAcceptsForm, signatureOrder, staticSigningSecret, eventStyle, commentAddedWithCreated, newInvocationIdPerRetry, deliveryTimeout, retryDelays, requestsPerMinute, ticketUpdatesPerMinute, rejectClosedTicketUpdates, refuseDeletingWebhookInUse);
    }

    public ZendeskSettings withDelivery(Duration timeout, List<Duration> delays, boolean newInvocationIdPerRetry) {
        return new ZendeskSettings(clientId, clientSecret, redirectUris, clientKind, requireKnownSubdomain, requireStateAndPkce, codeTtl, defaultAccessTtl, defaultRefreshTtl, expiresInReporting, rotationGrace, revokeKillsRefresh, revokeRequiresReadWrite, tokenBodyAcceptsForm, signatureOrder, staticSigningSecret, eventStyle, commentAddedWithCreated, newInvocationIdPerRetry, timeout, delays, requestsPerMinute, ticketUpdatesPerMinute, rejectClosedTicketUpdates, refuseDeletingWebhookInUse);
    }

    public ZendeskSettings withRateLimits(int perMinute, int ticketUpdatesPerMinute) {
        return new ZendeskSettings(clientId, clientSecret, redirectUris, clientKind, requireKnownSubdomain, requireStateAndPkce, codeTtl, defaultAccessTtl, defaultRefreshTtl, expiresInReporting, rotationGrace, revokeKillsRefresh, revokeRequiresReadWrite, tokenBodyAcceptsForm, signatureOrder, staticSigningSecret, eventStyle, commentAddedWithCreated, newInvocationIdPerRetry, deliveryTimeout, retryDelays, perMinute, ticketUpdatesPerMinute, rejectClosedTicketUpdates, refuseDeletingWebhookInUse);
    }
}
