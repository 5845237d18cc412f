package dev.deskloop.simulator.intercom;

import dev.deskloop.simulator.http.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the simulated Intercom behaves. Defaults follow {@code INTERCOM.md}; each of its open questions
 * (section 9) is a setting here with the documented default. See {@code docs/simulator.md}.
 *
 * @param clientId               the app's OAuth client id
 * @param clientSecret           the app's client secret; also the webhook signing key
 * @param redirectUris           registered redirect URLs (the first is the default); empty accepts any http(s) URL
 * @param appIdCode              the workspace's {@code app.id_code} (webhook {@code app_id})
 * @param appPackageCode         the {@code app_package_code} stamped on parts the app writes through the API
 * @param tokenExchangeEncoding  which bodies {@code POST /auth/eagle/token} understands
 * @param requireState           refuse authorize requests without {@code state} (simulator strictness)
 * @param codeTtl                authorization code lifetime (about 5 min in the legacy docs)
 * @param defaultVersion         the API version used when {@code Intercom-Version} is absent (the app's Hub setting)
 * @param uninstallSignature     headers on uninstall notifications
 * @param uninstallJsonResponse  {@code POST /auth/uninstall} answers {@code {}} instead of an empty 200
 * @param eventsAfterUninstall   webhooks keep flowing after an uninstall
 * @param pingOnWebhookSave      a {@code ping} notification follows saving the webhook URL
 * @param webhookParts           which conversation parts a notification's item carries
 * @param checkWebhookUrlWithHead saving a webhook URL sends HEAD and refuses URLs that do not answer 2xx
 * @param retryDelay             delay before the single retry after a failure (60 s)
 * @param maxRateLimitedBackoff  how long 429 answers are retried (doubling from {@code retryDelay}) before dropping (2 h)
 * @param deliveryTimeout        answer within this or the delivery counts as failed (5 s)
 * @param requestsPerMinute      the app's rate limit, enforced in 10-second windows (10,000/min)
 * @param rejectUnknownAttributes {@code PUT /conversations/{id}} with an undefined custom attribute answers 400
 * @param maxBodyBytes           largest part body accepted on reply (64 KB)
 * @param conversationAttributes conversation data attributes defined in the workspace: name to type
 *                               (string, integer, float, boolean, datetime)
 */
public record IntercomSettings(
    String clientId,
    String clientSecret,
    List<String> redirectUris,
    String appIdCode,
    String appPackageCode,
    TokenExchangeEncoding tokenExchangeEncoding,
    boolean requireState,
    Duration codeTtl,
    String defaultVersion,
    UninstallSignature uninstallSignature,
    boolean uninstallJsonResponse,
    boolean eventsAfterUninstall,
    boolean pingOnWebhookSave,
    WebhookParts webhookParts,
    boolean checkWebhookUrlWithHead,
    Duration retryDelay,
    Duration maxRateLimitedBackoff,
    Duration deliveryTimeout,
    int requestsPerMinute,
    boolean rejectUnknownAttributes,
    int maxBodyBytes,
    Map<String, String> conversationAttributes) {

    /** The fixed demo client id the simulator prints at start. */
    public static final String DEMO_CLIENT_ID = "deskloop-demo-intercom";

    /** Bodies the token endpoint understands; the official sample is form-encoded. */
    public enum TokenExchangeEncoding { FORM, JSON, EITHER }

    /** Signature headers on uninstall notifications; Intercom's sources disagree, so the default sends both. */
    public enum UninstallSignature { BOTH, BODY_SIGNATURE_ONLY, HUB_SIGNATURE_ONLY }

    /** Which parts {@code data.item.conversation_parts} carries in a notification. */
    public enum WebhookParts { NEW_PART, ALL, NONE }

    public IntercomSettings {
        redirectUris = List.copyOf(redirectUris);
        conversationAttributes = Map.copyOf(conversationAttributes);
    }

    public static IntercomSettings defaults() {
        return new IntercomSettings(DEMO_CLIENT_ID, Secrets.hex(24), List.of(), "sim0app1", "deskloop-demo",
            TokenExchangeEncoding.FORM, true, Duration.ofMinutes(5), "2.14", UninstallSignature.BOTH, false, false, true,
            WebhookParts.NEW_PART, true, Duration.ofSeconds(60), Duration.ofHours(2), Duration.ofSeconds(5), 10_000, true,
            64 * 1024, Map.of("severity", "string", "affected_service", "string", "analysis_url", "string",
            "issue_type", "string", "triage_confidence", "float", "is_bug", "boolean"));
    }

    public IntercomSettings withClient(String id, String secret) {
        return new IntercomSettings(id, secret, redirectUris, appIdCode, appPackageCode, tokenExchangeEncoding, requireState, codeTtl, defaultVersion, uninstallSignature, uninstallJsonResponse, eventsAfterUninstall, pingOnWebhookSave, webhookParts, checkWebhookUrlWithHead, retryDelay, maxRateLimitedBackoff, deliveryTimeout, requestsPerMinute, rejectUnknownAttributes, maxBodyBytes, conversationAttributes);
    }

    public IntercomSettings withRedirectUris(List<String> uris) {
        return new IntercomSettings(clientId, clientSecret, uris, appIdCode, appPackageCode, tokenExchangeEncoding, requireState, codeTtl, defaultVersion, uninstallSignature, uninstallJsonResponse, eventsAfterUninstall, pingOnWebhookSave, webhookParts, checkWebhookUrlWithHead, retryDelay, maxRateLimitedBackoff, deliveryTimeout, requestsPerMinute, rejectUnknownAttributes, maxBodyBytes, conversationAttributes);
    }

    public IntercomSettings withDelivery(Duration retry, Duration maxBackoff, Duration timeout) {
        return new IntercomSettings(clientId, clientSecret, redirectUris, appIdCode, appPackageCode, tokenExchangeEncoding, requireState, codeTtl, defaultVersion, uninstallSignature, uninstallJsonResponse, eventsAfterUninstall, pingOnWebhookSave, webhookParts, checkWebhookUrlWithHead, retry, maxBackoff, timeout, requestsPerMinute, rejectUnknownAttributes, maxBodyBytes, conversationAttributes);
    }
}
