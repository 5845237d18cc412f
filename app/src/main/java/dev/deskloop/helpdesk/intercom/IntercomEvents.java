package dev.deskloop.helpdesk.intercom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
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
 * Intercom deliveries: {@code X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body, keyed with the app's client
 * secret>}; {@code notification_event} envelopes whose {@code id} is the deduplication key and whose
 * {@code app_id} names the Intercom workspace.
 */
final class IntercomEvents implements ProviderEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IntercomSettings settings;

    IntercomEvents(IntercomSettings settings) {
        this.settings = settings;
    }

    @Override
    public WebhookCheck verify(byte[] body, Function<String, String> header, String connectionSecret, Instant now) {
        String signature = header.apply("X-Hub-Signature");
        if (signature == null) {
            return WebhookCheck.invalid("X-Hub-Signature header missing");
        }
        if (settings.clientSecret() == null || settings.clientSecret().isBlank()) {
            return WebhookCheck.invalid("no Intercom client secret is configured");
        }
        byte[] expected = ("sha1=" + sign(settings.clientSecret(), body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return WebhookCheck.invalid("signature does not match");
        }
        return WebhookCheck.valid();
    }

    static String sign(String secret, byte[] body) {
        return HexFormat.of().formatHex(Hmac.compute("HmacSHA1", secret, body));
    }

    @Override
    public HelpdeskEvent event(byte[] body) {
        return read(body, header -> null).event(); // Intercom's id and app are in the body, not in headers
    }

    @Override
    public InboundDelivery read(byte[] body, Function<String, String> header) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedDelivery("body is not valid JSON");
        }
        if (json == null || !json.isObject() || !"notification_event".equals(json.path("type").asString(""))) {
            throw new MalformedDelivery("body is not a notification_event");
        }
        String id = json.path("id").asString("");
        String topic = json.path("topic").asString("");
        String appId = json.path("app_id").asString("");
        if (id.isBlank() || topic.isBlank()) {
            throw new MalformedDelivery("notification without id or topic");
        }
        JsonNode item = json.path("data").path("item");
        String conversationId = item.path("id").asString("");
        HelpdeskEvent event;
        if (topic.startsWith("conversation.") && !"conversation".equals(item.path("type").asString(""))) {
            event = new HelpdeskEvent.Ignored("conversation topic without a conversation item");
        } else if (topic.equals("conversation.user.created")) {
            event = new HelpdeskEvent.TicketActivity(conversationId, HelpdeskEvent.Activity.CREATED);
        } else if (topic.equals("conversation.user.replied")) {
            event = new HelpdeskEvent.TicketActivity(conversationId, HelpdeskEvent.Activity.MESSAGE_ADDED);
        } else if (topic.startsWith("conversation.admin.") || topic.equals("conversation.operator.replied")) {
            event = new HelpdeskEvent.TicketActivity(conversationId, HelpdeskEvent.Activity.AGENT_ACTIVITY);
        } else {
            event = new HelpdeskEvent.Ignored("topic " + (topic.length() > 80 ? topic.substring(0, 80) : topic)
                    + " is not used");
        }
        if (event instanceof HelpdeskEvent.TicketActivity activity && !activity.ticketId().matches("[0-9A-Za-z_-]{1,64}")) {
            event = new HelpdeskEvent.Ignored("conversation id missing or malformed");
        }
        return new InboundDelivery(id.length() > 200 ? id.substring(0, 200) : id, topic, appId.isBlank() ? null : appId,
                event);
    }
}
