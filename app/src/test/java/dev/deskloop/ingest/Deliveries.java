package dev.deskloop.ingest;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Signs and sends webhook deliveries the way Zendesk and Intercom do. */
final class Deliveries {

    private final MockMvc mvc;

    Deliveries(MockMvc mvc) {
        this.mvc = mvc;
    }

    static String zendeskBody(String event, long ticketId, Instant updatedAt) {
        return "{\"event\":\"" + event + "\",\"ticket_id\":\"" + ticketId + "\",\"updated_at\":\"" + updatedAt + "\"}";
    }

    ResultActions zendesk(UUID connectionId, String body, String secret, Instant signedAt) throws Exception {
        String timestamp = signedAt.toString();
        return mvc.perform(post("/hooks/{c}", connectionId)
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Zendesk-Webhook-Signature", zendeskSignature(secret, timestamp, body))
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .header("x-zendesk-webhook-invocation-id", UUID.randomUUID().toString())
                .content(body.getBytes(StandardCharsets.UTF_8)));
    }

    ResultActions intercom(String path, String body, String clientSecret) throws Exception {
        return mvc.perform(post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature", "sha1=" + hmac("HmacSHA1", clientSecret, body.getBytes(StandardCharsets.UTF_8), false))
                .content(body.getBytes(StandardCharsets.UTF_8)));
    }

    static String intercomBody(String id, String topic, String appId, String conversationId) {
        return "{\"type\":\"notification_event\",\"app_id\":\"" + appId + "\",\"id\":\"" + id + "\",\"topic\":\"" + topic
                + "\",\"created_at\":1700000000,\"delivery_attempts\":1,\"data\":{\"type\":\"notification_event_data\","
                + "\"item\":{\"type\":\"conversation\",\"id\":\"" + conversationId + "\"}}}";
    }

    static String zendeskSignature(String secret, String timestamp, String body) {
        byte[] message = (timestamp + body).getBytes(StandardCharsets.UTF_8);
        return hmac("HmacSHA256", secret, message, true);
    }

    private static String hmac(String algorithm, String secret, byte[] message, boolean base64) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            byte[] digest = mac.doFinal(message);
            return base64 ? Base64.getEncoder().encodeToString(digest) : HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
