package dev.deskloop.simulator.zendesk;

import dev.deskloop.simulator.Faults;
import dev.deskloop.simulator.http.Json;
import dev.deskloop.simulator.http.WebhookQueue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Zendesk sends when a ticket changes: triggers (conditions, then actions, including
 * {@code notification_webhook} with a rendered body template) and event-subscription webhooks with the
 * {@code zen:event-type:*} envelope, signed and retried per {@link ZendeskSettings}.
 */
final class ZendeskDeliveries {

    /** What happened to a ticket, for trigger conditions and events. */
    record Change(boolean created, ZendeskAccount.Comment comment, String previousStatus, String actorRole, long actorId) {
    }

    static final String CONDITIONAL = "conditional_ticket_events";
    static final String EVENT_PREFIX = "zen:event-type:";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");
    private static final List<String> STATUS_ORDER = List.of("new", "open", "pending", "hold", "solved", "closed");

    private final ZendeskSettings settings;
    private final Clock clock;
    private final WebhookQueue queue;
    private final Faults faults;

    ZendeskDeliveries(ZendeskSettings settings, Clock clock, WebhookQueue queue, Faults faults) {
        this.settings = settings;
        this.clock = clock;
        this.queue = queue;
        this.faults = faults;
    }

    /** Runs triggers and event subscriptions for a change; the caller holds the account's lock. */
    List<WebhookQueue.Job> onChange(ZendeskAccount account, ZendeskAccount.Ticket ticket, Change change) {
        List<WebhookQueue.Job> jobs = new ArrayList<>();
        for (ZendeskAccount.Trigger trigger : account.triggers.values()) {
            if (trigger.active && matches(account, ticket, change, trigger.conditions)) {
                applyActions(account, ticket, trigger, jobs);
            }
        }
        List<String> eventTypes = new ArrayList<>();
        if (change.created()) {
            eventTypes.add("ticket.created");
            if (settings.commentAddedWithCreated() && change.comment() != null) {
                eventTypes.add("ticket.comment_added");
            }
        } else {
            if (change.comment() != null) {
                eventTypes.add("ticket.comment_added");
            }
            if (change.previousStatus() != null && !change.previousStatus().equals(ticket.status)) {
                eventTypes.add("ticket.status_changed");
            }
        }
        for (String type : eventTypes) {
            for (ZendeskAccount.Webhook webhook : account.webhooks.values()) {
                if ("active".equals(webhook.status) && webhook.subscriptions.contains(EVENT_PREFIX + type)) {
                    String body = Json.text(envelope(account, ticket, change, type));
                    jobs.add(job(account, webhook, body, EVENT_PREFIX + type));
                }
            }
        }
        return jobs;
    }

    void send(List<WebhookQueue.Job> jobs) {
        jobs.forEach(job -> queue.enqueue(job, faults));
    }

    // ---- triggers -------------------------------------------------------------------------------------

    private boolean matches(ZendeskAccount account, ZendeskAccount.Ticket ticket, Change change, JsonNode conditions) {
        if (conditions == null || !conditions.isObject()) {
            return false;
        }
        for (JsonNode condition : conditions.path("all")) {
            if (!condition(account, ticket, change, condition)) {
                return false;
            }
        }
        JsonNode any = conditions.path("any");
        if (any.isArray() && !any.isEmpty()) {
            for (JsonNode condition : any) {
                if (condition(account, ticket, change, condition)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean condition(ZendeskAccount account, ZendeskAccount.Ticket ticket, Change change, JsonNode c) {
        String field = c.path("field").asString("");
        String operator = c.path("operator").asString("is");
        String value = c.path("value").isNull() ? "" : c.path("value").asString("");
        boolean positive = !operator.startsWith("not") && !operator.equals("is_not");
        return switch (field) {
            case "update_type" -> positive == value.equalsIgnoreCase(change.created() ? "Create" : "Change");
            case "status" -> switch (operator) {
                case "less_than" -> STATUS_ORDER.indexOf(ticket.status) < STATUS_ORDER.indexOf(value.toLowerCase(Locale.ROOT));
                case "greater_than" -> STATUS_ORDER.indexOf(ticket.status) > STATUS_ORDER.indexOf(value.toLowerCase(Locale.ROOT));
                case "changed" -> change.previousStatus() != null && !change.previousStatus().equals(ticket.status);
                default -> positive == ticket.status.equalsIgnoreCase(value);
            };
            case "priority" -> positive == value.equalsIgnoreCase(ticket.priority == null ? "" : ticket.priority);
            case "current_tags" -> {
                boolean any = false;
                for (String tag : value.split("\\s+")) {
                    any |= !tag.isEmpty() && ticket.tags.contains(tag);
                }
                yield operator.equals("not_includes") ? !any : any;
            }
            case "comment_is_public" -> {
                if (value.equals("not_relevant")) {
                    yield true;
                }
                boolean isPublic = change.comment() != null && change.comment().isPublic;
                boolean hasComment = change.comment() != null;
                yield hasComment && (value.equals("true") || value.equals("requester_can_see_comment")) == isPublic;
            }
            case "role" -> positive == value.equalsIgnoreCase(change.actorRole());
            case "subject_includes_word" -> {
                boolean has = containsWord(ticket.subject, value);
                yield operator.equals("not_includes") ? !has : has;
            }
            case "comment_includes_word" -> {
                boolean has = change.comment() != null && containsWord(change.comment().body, value);
                yield operator.equals("not_includes") ? !has : has;
            }
            // Conditions the simulator does not model are treated as met (listed in docs/simulator.md).
            default -> true;
        };
    }

    private static boolean containsWord(String text, String words) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        for (String word : words.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!word.isEmpty() && lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private void applyActions(ZendeskAccount account, ZendeskAccount.Ticket ticket, ZendeskAccount.Trigger trigger,
                              List<WebhookQueue.Job> jobs) {
        for (JsonNode action : trigger.actions) {
            String field = action.path("field").asString("");
            JsonNode value = action.path("value");
            switch (field) {
                case "notification_webhook" -> {
                    if (value.isArray() && value.size() >= 1) {
                        ZendeskAccount.Webhook webhook = account.webhooks.get(value.get(0).asString(""));
                        String template = value.size() > 1 ? value.get(1).asString("") : "";
                        if (webhook != null && "active".equals(webhook.status) && webhook.subscriptions.contains(CONDITIONAL)) {
                            String body = render(account, ticket, template, "json".equals(webhook.requestFormat));
                            jobs.add(job(account, webhook, body, "trigger:" + trigger.id));
                        }
                    }
                }
                case "current_tags" -> addTags(ticket, value.asString(""));
                case "remove_tags" -> ticket.tags.removeAll(List.of(value.asString("").split("\\s+")));
                case "set_tags" -> {
                    ticket.tags.clear();
                    addTags(ticket, value.asString(""));
                }
                case "status" -> ticket.status = value.asString(ticket.status);
                case "priority" -> ticket.priority = value.asString(ticket.priority);
                default -> {
                    // Other actions (notifications by email, group assignment, ...) have no effect here.
                }
            }
        }
    }

    private static void addTags(ZendeskAccount.Ticket ticket, String tags) {
        for (String tag : tags.split("\\s+")) {
            ticket.addTag(tag);
        }
    }

    /** Renders the placeholders Deskloop and common integrations use; unknown ones render empty, as in Zendesk. */
    String render(ZendeskAccount account, ZendeskAccount.Ticket ticket, String template, boolean jsonEscape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        ZendeskAccount.User requester = account.users.get(ticket.requesterId);
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "ticket.id" -> Long.toString(ticket.id);
                case "ticket.title", "ticket.subject" -> ticket.subject;
                case "ticket.description" -> ticket.description;
                case "ticket.url" -> account.subdomain + ".zendesk.com/agent/tickets/" + ticket.id;
                case "ticket.link" -> "https://" + account.subdomain + ".zendesk.com/agent/tickets/" + ticket.id;
                case "ticket.status" -> capitalize(ticket.status);
                case "ticket.priority" -> ticket.priority == null ? "" : capitalize(ticket.priority);
                case "ticket.tags" -> String.join(" ", ticket.tags);
                case "ticket.requester.email" -> requester == null ? "" : requester.email;
                case "ticket.requester.name" -> requester == null ? "" : requester.name;
                case "ticket.requester.id" -> Long.toString(ticket.requesterId);
                case "ticket.created_at_with_timestamp" -> ZendeskJson.time(ticket.createdAt);
                case "ticket.updated_at_with_timestamp" -> ZendeskJson.time(ticket.updatedAt);
                case "ticket.latest_comment", "ticket.latest_public_comment" -> ticket.comments.stream()
                    .filter(c -> c.isPublic || m.group(1).equals("ticket.latest_comment")).reduce((a, b) -> b)
                    .map(c -> c.body).orElse("");
                case "ticket.account" -> account.subdomain;
                default -> "";
            };
            String escaped = jsonEscape ? jsonStringContent(value) : value;
            m.appendReplacement(out, Matcher.quoteReplacement(escaped));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String jsonStringContent(String value) {
        String quoted = Json.text(Json.valueOf(value));
        return quoted.substring(1, quoted.length() - 1);
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---- event envelopes -----------------------------------------------------------------------------

    private ObjectNode envelope(ZendeskAccount account, ZendeskAccount.Ticket ticket, Change change, String type) {
        boolean strings = settings.eventStyle() == ZendeskSettings.EventStyle.STRINGS_UPPERCASE;
        ObjectNode o = Json.object();
        o.put("account_id", account.accountId);
        ObjectNode detail = o.putObject("detail");
        id(detail, "actor_id", change.actorId(), strings);
        if (ticket.assigneeId != null) {
            id(detail, "assignee_id", ticket.assigneeId, strings);
        } else {
            detail.putNull("assignee_id");
        }
        detail.put("created_at", ZendeskJson.time(ticket.createdAt));
        detail.put("description", ticket.description);
        detail.putNull("external_id");
        id(detail, "id", ticket.id, strings);
        detail.put("is_public", ticket.comments.isEmpty() || ticket.comments.getFirst().isPublic);
        enumValue(detail, "priority", ticket.priority, strings);
        id(detail, "requester_id", ticket.requesterId, strings);
        enumValue(detail, "status", ticket.status, strings);
        detail.put("subject", ticket.subject);
        id(detail, "submitter_id", ticket.submitterId, strings);
        ticket.tags.forEach(detail.putArray("tags")::add);
        enumValue(detail, "type", ticket.type, strings);
        detail.put("updated_at", ZendeskJson.time(ticket.updatedAt));
        detail.putObject("via").put("channel", change.actorRole().equals("end_user") ? "web_service" : "api");
        ObjectNode event = o.putObject("event");
        if (type.equals("ticket.comment_added") && change.comment() != null) {
            ZendeskAccount.Comment c = change.comment();
            ObjectNode comment = event.putObject("comment");
            id(comment, "id", c.id, strings);
            comment.put("body", c.body);
            comment.put("is_public", c.isPublic);
            ObjectNode author = comment.putObject("author");
            id(author, "id", c.authorId, strings);
            ZendeskAccount.User user = account.users.get(c.authorId);
            author.put("is_staff", user != null && !user.role.equals("end-user"));
            author.put("name", user == null ? "" : user.name);
        } else if (type.equals("ticket.status_changed")) {
            enumValue(event, "current", ticket.status, strings);
            enumValue(event, "previous", change.previousStatus(), strings);
        }
        o.put("id", UUID.randomUUID().toString());
        o.put("subject", "zen:ticket:" + ticket.id);
        o.put("time", clock.instant().truncatedTo(ChronoUnit.MICROS).toString());
        o.put("type", EVENT_PREFIX + type);
        o.put("zendesk_event_version", "2022-11-06");
        return o;
    }

    private static void id(ObjectNode node, String field, long value, boolean strings) {
        if (strings) {
            node.put(field, Long.toString(value));
        } else {
            node.put(field, value);
        }
    }

    private static void enumValue(ObjectNode node, String field, String value, boolean upper) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, upper ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT));
        }
    }

    // ---- delivery jobs ---------------------------------------------------------------------------------

    private WebhookQueue.Job job(ZendeskAccount account, ZendeskAccount.Webhook webhook, String body, String topic) {
        Map<String, String> extra = new LinkedHashMap<>(webhook.customHeaders);
        JsonNode auth = webhook.authentication;
        if (auth != null && auth.isObject()) {
            JsonNode data = auth.path("data");
            switch (auth.path("type").asString("")) {
                case "bearer_token" -> extra.put("Authorization", "Bearer " + data.path("token").asString(""));
                case "basic_auth" -> extra.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (data.path("username").asString("") + ":" + data.path("password").asString("")).getBytes(StandardCharsets.UTF_8)));
                case "api_key" -> extra.put(data.path("name").asString("X-Api-Key"), data.path("value").asString(""));
                default -> {
                }
            }
        }
        String secret = settings.staticSigningSecret() ? ZendeskSignature.TEST_SECRET : webhook.signingSecret;
        return new Job(account.accountId, webhook.id, URI.create(webhook.endpoint), webhook.httpMethod,
            contentType(webhook.requestFormat), secret, body.getBytes(StandardCharsets.UTF_8), topic, newInvocationId(), extra);
    }

    private static String contentType(String format) {
        return switch (format) {
            case "xml" -> "application/xml";
            case "form_encoded" -> "application/x-www-form-urlencoded";
            default -> "application/json";
        };
    }

    private static String newInvocationId() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 9_000_000_000_000L) + 1_000_000_000_000L);
    }

    /** One webhook invocation: same invocation id on every attempt unless configured otherwise. */
    private final class Job implements WebhookQueue.Job {
        private final long accountId;
        private final String webhookId;
        private final URI endpoint;
        private final String method;
        private final String contentType;
        private final String secret;
        private final byte[] body;
        private final String topic;
        private final String invocationId;
        private final Map<String, String> extraHeaders;

        Job(long accountId, String webhookId, URI endpoint, String method, String contentType, String secret, byte[] body,
            String topic, String invocationId, Map<String, String> extraHeaders) {
            this.accountId = accountId;
            this.webhookId = webhookId;
            this.endpoint = endpoint;
            this.method = method;
            this.contentType = contentType;
            this.secret = secret;
            this.body = body;
            this.topic = topic;
            this.invocationId = invocationId;
            this.extraHeaders = extraHeaders;
        }

        @Override
        public String provider() {
            return "zendesk";
        }

        @Override
        public String deliveryId() {
            return invocationId;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public WebhookQueue.Prepared prepare(int attempt) {
            String timestamp = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
            boolean bodyless = method.equals("GET") || method.equals("DELETE");
            byte[] sent = bodyless ? new byte[0] : body;
            Map<String, String> headers = new LinkedHashMap<>();
            if (!bodyless) {
                headers.put("Content-Type", contentType);
            }
            headers.put("User-Agent", "Zendesk Webhook");
            headers.put("X-Zendesk-Webhook-Signature", ZendeskSignature.sign(secret, timestamp, sent, settings.signatureOrder()));
            headers.put("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
            headers.put("x-zendesk-account-id", Long.toString(accountId));
            headers.put("x-zendesk-webhook-id", webhookId);
            headers.put("x-zendesk-webhook-invocation-id",
                attempt > 1 && settings.newInvocationIdPerRetry() ? newInvocationId() : invocationId);
            headers.putAll(extraHeaders);
            return new WebhookQueue.Prepared(method, endpoint, headers, sent, settings.deliveryTimeout());
        }

        @Override
        public Optional<Duration> retryDelay(int attempt, int status) {
            boolean retryable = status == 0 || status >= 500 || status == 409 || status == 429;
            if (!retryable || attempt > settings.retryDelays().size()) {
                return Optional.empty();
            }
            return Optional.of(settings.retryDelays().get(attempt - 1));
        }
    }
}
