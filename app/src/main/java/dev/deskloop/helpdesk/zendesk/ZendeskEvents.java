package dev.deskloop.helpdesk.zendesk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.function.Function;


import dev.deskloop.helpdesk.HelpdeskEvent;
import dev.deskloop.helpdesk.InboundDelivery;
import dev.deskloop.helpdesk.MalformedDelivery;
import dev.deskloop.helpdesk.ProviderEvents;
import dev.deskloop.helpdesk.WebhookCheck;
import dev.deskloop.platform.crypto.Hmac;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zendesk deliveries: {@code X-Zendesk-Webhook-Signature} = base64(HMAC-SHA256(secret, timestamp + raw body)),
 * with the timestamp inside a replay window; bodies are either our trigger bodies
 * ({@code {"event":"ticket.created","ticket_id":"…"}}) or event-subscription envelopes ({@code zen:event-type:…}).
 */
final class ZendeskEvents implements ProviderEvents {

    static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public WebhookCheck verify(byte[] body, Function<String, String> header, String connectionSecret, Instant now) {
        String signature = header.apply("X-Zendesk-Webhook-Signature");
        String timestamp = header.apply("X-Zendesk-Webhook-Signature-Timestamp");
        if (signature == null || timestamp == null) {
            return WebhookCheck.invalid("signature or timestamp header missing");
        }
        if (connectionSecret == null) {
            return WebhookCheck.invalid("the connection has no signing secret");
        }
        Instant signedAt;
        try {
            signedAt = Instant.parse(timestamp.strip());
        } catch (DateTimeParseException e) {
            return WebhookCheck.invalid("timestamp is not ISO-8601");
        }
        byte[] expected = sign(connectionSecret, timestamp.strip(), body);
        byte[] presented = signature.strip().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, presented)) {
            return WebhookCheck.invalid("signature does not match");
        }
        if (signedAt.isBefore(now.minus(REPLAY_WINDOW)) || signedAt.isAfter(now.plus(REPLAY_WINDOW))) {
            return WebhookCheck.invalid("timestamp outside the replay window");
        }
        return WebhookCheck.valid();
    }

    /** The signature Zendesk sends, as ASCII bytes of its base64 text. */
    static byte[] sign(String secret, String timestamp, byte[] body) {
        return Base64.getEncoder().encode(Hmac.compute("HmacSHA256", secret, timestamp.getBytes(StandardCharsets.UTF_8), body));
    }

    @Override
    public InboundDelivery read(byte[] body, Function<String, String> header) {
        JsonNode json = parse(body);
        String type = json.path("type").asString("");
        if (type.startsWith("zen:event-type:")) {
            String event = type.substring("zen:event-type:".length());
            String ticketId = json.path("detail").path("id").asString("");
            String id = json.path("id").asString("");
            if (id.isBlank()) {
                throw new MalformedDelivery("event envelope without id");
            }
            return new InboundDelivery(id, event, null, activity(event, ticketId));
        }
        String event = json.path("event").asString("");
        String ticketId = json.path("ticket_id").asString("");
        if (event.isBlank() || ticketId.isBlank()) {
            throw new MalformedDelivery("body has neither an event envelope nor event and ticket_id");
        }
        String updatedAt = json.path("updated_at").asString("");
        String invocation = header.apply("x-zendesk-webhook-invocation-id");
        // One logical change = one ticket update; retries of it (whatever their invocation id) share this key.
        String id = !updatedAt.isBlank() ? event + ":" + ticketId + ":" + updatedAt
                : invocation != null ? "invocation:" + invocation : null;
        if (id == null) {
            throw new MalformedDelivery("no updated_at and no invocation id to identify the delivery");
        }
        return new InboundDelivery(cut(id), event, null, activity(event, ticketId));
    }

    @Override
    public HelpdeskEvent event(byte[] body) {
        JsonNode json = parse(body);
        String type = json.path("type").asString("");
        if (type.startsWith("zen:event-type:")) {
            return activity(type.substring("zen:event-type:".length()), json.path("detail").path("id").asString(""));
        }
        return activity(json.path("event").asString(""), json.path("ticket_id").asString(""));
    }

    private static HelpdeskEvent activity(String event, String ticketId) {
        if (ticketId == null || !ticketId.matches("\\d{1,19}")) {
            return new HelpdeskEvent.Ignored("no numeric ticket id in " + event);
        }
        return switch (event) {
            case "ticket.created" -> new HelpdeskEvent.TicketActivity(ticketId, HelpdeskEvent.Activity.CREATED);
            case "ticket.comment_added" -> new HelpdeskEvent.TicketActivity(ticketId, HelpdeskEvent.Activity.MESSAGE_ADDED);
            default -> new HelpdeskEvent.Ignored("event " + cut(event) + " is not used");
        };
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new MalformedDelivery("body is not a JSON object");
            }
            return json;
        } catch (JacksonException e) {
            throw new MalformedDelivery("body is not valid JSON");
        }
    }

    private static String cut(String value) {
        return value.length() > 200 ? value.substring(0, 200) : value;
    }
}
