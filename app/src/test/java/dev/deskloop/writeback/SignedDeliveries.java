package dev.deskloop.writeback;

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

/** Signs and sends webhook deliveries the way Zendesk and Intercom do (as the ingestion tests' helper does). */
final class SignedDeliveries {

    private final MockMvc mvc;

    SignedDeliveries(MockMvc mvc) {
        this.mvc = mvc;
    }

    void zendesk(UUID connectionId, String event, String ticketId, Instant updatedAt, String secret, Instant now)
            throws Exception {
        String body = "{\"event\":\"" + event + "\",\"ticket_id\":\"" + ticketId + "\",\"updated_at\":\"" + updatedAt + "\"}";
        String timestamp = now.toString();
        byte[] message = (timestamp + body).getBytes(StandardCharsets.UTF_8);
        int status = mvc.perform(post("/hooks/{c}", connectionId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-Zendesk-Webhook-Signature", Base64.getEncoder().encodeToString(
                                hmac("HmacSHA256", secret, message)))
                        .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                        .header("x-zendesk-webhook-invocation-id", UUID.randomUUID().toString())
                        .content(body.getBytes(StandardCharsets.UTF_8)))
                .andReturn().getResponse().getStatus();
        check(status);
    }

    void intercom(String notificationId, String topic, String appId, String conversationId, String clientSecret)
            throws Exception {
        String body = "{\"type\":\"notification_event\",\"app_id\":\"" + appId + "\",\"id\":\"" + notificationId
                + "\",\"topic\":\"" + topic + "\",\"created_at\":1700000000,\"delivery_attempts\":1,\"data\":{\"type\":"
                + "\"notification_event_data\",\"item\":{\"type\":\"conversation\",\"id\":\"" + conversationId + "\"}}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int status = mvc.perform(post("/hooks/intercom")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-Hub-Signature", "sha1=" + HexFormat.of().formatHex(hmac("HmacSHA1", clientSecret, bytes)))
                        .content(bytes))
                .andReturn().getResponse().getStatus();
        check(status);
    }

    private static void check(int status) {
        if (status != 200) {
            throw new AssertionError("the webhook answered " + status);
        }
    }

    private static byte[] hmac(String algorithm, String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
