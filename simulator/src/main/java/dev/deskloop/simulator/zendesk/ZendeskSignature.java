package dev.deskloop.simulator.zendesk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Zendesk's webhook signature: {@code base64(HMAC-SHA256(key = secret as UTF-8, msg = timestamp || body))}
 * (https://developer.zendesk.com/documentation/webhooks/verifying/). The secret is used as-is, never
 * base64-decoded. Public so tests can sign and check deliveries.
 */
public final class ZendeskSignature {

    /** The static secret Zendesk uses for test deliveries of webhooks that do not exist yet. */
    public static final String TEST_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

    private ZendeskSignature() {
    }

    /** Signs timestamp then body, the documented order. */
    public static String sign(String secret, String timestamp, byte[] body) {
        return sign(secret, timestamp, body, ZendeskSettings.SignatureOrder.TIMESTAMP_BODY);
    }

    public static String sign(String secret, String timestamp, byte[] body, ZendeskSettings.SignatureOrder order) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] ts = timestamp.getBytes(StandardCharsets.UTF_8);
            if (order == ZendeskSettings.SignatureOrder.TIMESTAMP_BODY) {
                mac.update(ts);
                mac.update(body);
            } else {
                mac.update(body);
                mac.update(ts);
            }
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", impossible);
        }
    }
}
