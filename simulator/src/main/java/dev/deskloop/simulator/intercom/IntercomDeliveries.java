package dev.deskloop.simulator.intercom;

import dev.deskloop.simulator.Faults;
import dev.deskloop.simulator.http.Json;
import dev.deskloop.simulator.http.WebhookQueue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Intercom webhook notifications: the {@code notification_event} envelope, {@code X-Hub-Signature}
 * signing with the client secret, one retry after a failure, longer backoff on 429, and 410 disabling the
 * subscription.
 */
final class IntercomDeliveries {

    private final IntercomSettings settings;
    private final Clock clock;
    private final WebhookQueue queue;
    private final Faults faults;

    IntercomDeliveries(IntercomSettings settings, Clock clock, WebhookQueue queue, Faults faults) {
        this.settings = settings;
        this.clock = clock;
        this.queue = queue;
        this.faults = faults;
    }

    /**
     * Builds the notification for a conversation topic if the workspace subscribes to it; the caller
     * holds the workspace's lock and sends the job after releasing it.
     */
    Optional<WebhookQueue.Job> conversationEvent(IntercomWorkspace w, IntercomWorkspace.Conversation c, String topic,
                                                 IntercomWorkspace.Part newPart) {
        if (w.webhookUrl == null || w.webhookDisabled || !w.topics.contains(topic)
            || (w.uninstalled && !settings.eventsAfterUninstall())) {
            return Optional.empty();
        }
        List<IntercomWorkspace.Part> parts = switch (settings.webhookParts()) {
            case ALL -> c.parts;
            case NONE -> List.of();
            case NEW_PART -> newPart == null ? List.of() : List.of(newPart);
        };
        ObjectNode item = IntercomJson.conversation(c, parts, false);
        return Optional.of(new Job(w, URI.create(w.webhookUrl), topic, item));
    }

    Optional<WebhookQueue.Job> ping(IntercomWorkspace w) {
        if (w.webhookUrl == null) {
            return Optional.empty();
        }
        ObjectNode item = Json.object();
        item.put("type", "ping");
        item.put("message", "something is fishy this way comes");
        return Optional.of(new Job(w, URI.create(w.webhookUrl), "ping", item));
    }

    void send(Optional<WebhookQueue.Job> job) {
        job.ifPresent(j -> queue.enqueue(j, faults));
    }

    /** Sends the uninstall notification right away, signed as {@link IntercomSettings#uninstallSignature()} says. */
    WebhookQueue.Prepared uninstallNotification(String url) {
        byte[] body = Json.bytes(Json.object().put("app_id", settings.appIdCode()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "intercom-parrot-service-client/1.0");
        if (settings.uninstallSignature() != IntercomSettings.UninstallSignature.HUB_SIGNATURE_ONLY) {
            headers.put("X-Body-Signature", IntercomSignature.bodySignature(settings.clientSecret(), body));
        }
        if (settings.uninstallSignature() != IntercomSettings.UninstallSignature.BODY_SIGNATURE_ONLY) {
            headers.put("X-Hub-Signature", IntercomSignature.hubSignature(settings.clientSecret(), body));
        }
        return new WebhookQueue.Prepared("POST", URI.create(url), headers, body, settings.deliveryTimeout());
    }

    /** One notification; {@code delivery_attempts} grows on each resend, so each attempt is signed anew. */
    private final class Job implements WebhookQueue.Job {
        private final IntercomWorkspace workspace;
        private final URI url;
        private final String topic;
        private final JsonNode item;
        private final String id = "notif_" + UUID.randomUUID();
        private final Instant createdAt;
        private Instant firstSentAt;

        Job(IntercomWorkspace workspace, URI url, String topic, JsonNode item) {
            this.workspace = workspace;
            this.url = url;
            this.topic = topic;
            this.item = item;
            this.createdAt = clock.instant();
        }

        @Override
        public String provider() {
            return "intercom";
        }

        @Override
        public String deliveryId() {
            return id;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public synchronized WebhookQueue.Prepared prepare(int attempt) {
            if (firstSentAt == null) {
                firstSentAt = clock.instant();
            }
            ObjectNode body = Json.object();
            body.put("type", "notification_event");
            body.put("app_id", settings.appIdCode());
            ObjectNode data = body.putObject("data");
            data.put("type", "notification_event_data");
            data.set("item", item);
            body.putObject("links");
            body.put("id", id);
            body.put("topic", topic);
            body.put("delivery_status", "pending");
            body.put("delivery_attempts", attempt);
            body.put("delivered_at", 0);
            body.put("first_sent_at", firstSentAt.getEpochSecond());
            body.put("created_at", createdAt.getEpochSecond());
            body.putNull("self");
            byte[] bytes = Json.text(body).getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("Accept", "application/json");
            headers.put("User-Agent", "intercom-parrot-service-client/1.0");
            headers.put("X-Hub-Signature", IntercomSignature.hubSignature(settings.clientSecret(), bytes));
            return new WebhookQueue.Prepared("POST", url, headers, bytes, settings.deliveryTimeout());
        }

        @Override
        public Optional<Duration> retryDelay(int attempt, int status) {
            if (status == 410) {
                return Optional.empty();
            }
            if (status == 429) {
                Duration delay = settings.retryDelay().multipliedBy(1L << Math.min(20, attempt - 1));
                Duration waited = settings.retryDelay().multipliedBy((1L << Math.min(20, attempt)) - 1);
                return waited.compareTo(settings.maxRateLimitedBackoff()) > 0 ? Optional.empty() : Optional.of(delay);
            }
            return attempt == 1 ? Optional.of(settings.retryDelay()) : Optional.empty();
        }

        @Override
        public void onResult(int attempt, int status) {
            if (status == 410) {
                synchronized (workspace) {
                    workspace.webhookDisabled = true;
                }
            }
        }
    }
}
