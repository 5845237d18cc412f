package dev.deskloop.helpdesk.zendesk;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.deskloop.helpdesk.HelpdeskApiException;
import dev.deskloop.helpdesk.ProviderWebhooks;
import dev.deskloop.helpdesk.WebhookRegistration;
import dev.deskloop.helpdesk.http.ProviderHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Registers one webhook subscribed to {@code conditional_ticket_events} and two triggers that fire it: one for new
 * tickets, one for public comments on existing tickets. The bodies carry only the ticket id and update time; the
 * ticket itself is always re-read through the API. Teardown is trigger first, then webhook.
 */
final class ZendeskWebhooks implements ProviderWebhooks {

    private static final Logger log = LoggerFactory.getLogger(ZendeskWebhooks.class);

    static final String CREATED_BODY =
            "{\"event\":\"ticket.created\",\"ticket_id\":\"{{ticket.id}}\",\"updated_at\":\"{{ticket.updated_at_with_timestamp}}\"}";
    static final String COMMENT_BODY =
            "{\"event\":\"ticket.comment_added\",\"ticket_id\":\"{{ticket.id}}\",\"updated_at\":\"{{ticket.updated_at_with_timestamp}}\"}";

    private final ZendeskSettings settings;
    private final ProviderHttp http;

    ZendeskWebhooks(ZendeskSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public WebhookRegistration register(String account, String accessToken, URI webhookUrl) {
        String webhookId = null;
        List<String> triggers = new ArrayList<>();
        try {
            JsonNode created = post(account, accessToken, "/api/v2/webhooks", Map.of("webhook", Map.of(
                    "name", "Deskloop",
                    "description", "Sends new tickets and comments to Deskloop for triage",
                    "endpoint", webhookUrl.toString(),
                    "http_method", "POST",
                    "request_format", "json",
                    "status", "active",
                    "subscriptions", List.of("conditional_ticket_events"))));
            webhookId = created.path("webhook").path("id").asString("");
            if (webhookId.isBlank()) {
                throw new HelpdeskApiException.Rejected(201, "Zendesk did not return the webhook id");
            }
            String finalWebhookId = webhookId;
            JsonNode secret = ProviderHttp.call("reading the webhook signing secret", () -> http.client().get()
                    .uri(settings.base(account) + "/api/v2/webhooks/{id}/signing_secret", finalWebhookId)
                    .headers(h -> h.setBearerAuth(accessToken))
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(JsonNode.class));
            String signingSecret = secret == null ? "" : secret.path("signing_secret").path("secret").asString("");
            if (signingSecret.isBlank()) {
                throw new HelpdeskApiException.Rejected(200, "Zendesk did not return the webhook signing secret");
            }
            triggers.add(trigger(account, accessToken, "Deskloop: ticket created",
                    List.of(condition("update_type", "is", "Create")), webhookId, CREATED_BODY));
            triggers.add(trigger(account, accessToken, "Deskloop: public comment added",
                    List.of(condition("update_type", "is", "Change"), condition("comment_is_public", "is", "true")),
                    webhookId, COMMENT_BODY));
            return new WebhookRegistration(webhookId, triggers, signingSecret);
        } catch (RuntimeException e) {
            // The registration's own failure is what the caller needs; a failed clean-up travels with it, suppressed.
            try {
                unregister(account, accessToken, new WebhookRegistration(webhookId, triggers, null));
            } catch (RuntimeException cleanup) {
                log.warn("After a failed registration at Zendesk account {}, webhook {} and triggers {} could not all be "
                        + "removed: {}", account, webhookId, triggers, cleanup.getMessage());
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Deletes the triggers, then the webhook. Every one is tried even when another fails (a trigger left behind keeps
     * firing at a webhook that is gone; a webhook left behind keeps sending); then the first failure is thrown, with
     * the others suppressed.
     */
    @Override
    public void unregister(String account, String accessToken, WebhookRegistration registration) {
        List<RuntimeException> failures = new ArrayList<>();
        for (String trigger : registration.triggerIds()) {
            deleteCollecting(account, accessToken, "/api/v2/triggers/{id}", trigger, failures);
        }
        if (registration.webhookId() != null && !registration.webhookId().isBlank()) {
            deleteCollecting(account, accessToken, "/api/v2/webhooks/{id}", registration.webhookId(), failures);
        }
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.getFirst()::addSuppressed);
            throw failures.getFirst();
        }
    }

    private void deleteCollecting(String account, String accessToken, String path, String id,
                                  List<RuntimeException> failures) {
        try {
            delete(account, accessToken, path, id);
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private String trigger(String account, String accessToken, String title, List<Map<String, String>> all,
                           String webhookId, String body) {
        JsonNode created = post(account, accessToken, "/api/v2/triggers", Map.of("trigger", Map.of(
                "title", title,
                "conditions", Map.of("all", all, "any", List.of()),
                "actions", List.of(Map.of("field", "notification_webhook", "value", List.of(webhookId, body))))));
        String id = created.path("trigger").path("id").asString("");
        if (id.isBlank()) {
            throw new HelpdeskApiException.Rejected(201, "Zendesk did not return the trigger id");
        }
        return id;
    }

    private static Map<String, String> condition(String field, String operator, String value) {
        return Map.of("field", field, "operator", operator, "value", value);
    }

    private JsonNode post(String account, String accessToken, String path, Object body) {
        JsonNode response = ProviderHttp.call("Zendesk POST " + path, () -> http.client().post()
                .uri(settings.base(account) + path)
                .headers(h -> h.setBearerAuth(accessToken))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(JsonNode.class));
        if (response == null) {
            throw new HelpdeskApiException.Rejected(201, "Zendesk answered " + path + " with an empty body");
        }
        return response;
    }

    private void delete(String account, String accessToken, String path, String id) {
        try {
            ProviderHttp.run("Zendesk DELETE " + path, () -> http.client().delete()
                    .uri(settings.base(account) + path, id)
                    .headers(h -> h.setBearerAuth(accessToken))
                    .retrieve()
                    .toBodilessEntity());
        } catch (HelpdeskApiException.NotFound alreadyGone) {
            log.debug("{} {} was already gone", path, id);
        }
    }
}
