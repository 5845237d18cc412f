package dev.deskloop.simulator.intercom;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Intercom's two signing schemes, keyed with the app's client secret: {@code X-Hub-Signature} on webhook
 * notifications ({@code sha1=} + lowercase hex HMAC-SHA1 of the raw body) and {@code X-Body-Signature}
 * on Canvas Kit, health-check and (per Intercom staff) uninstall requests (bare hex HMAC-SHA256).
 */
public final class IntercomSignature {

    private IntercomSignature() {
    }

    /** The full {@code X-Hub-Signature} value, {@code sha1=<hex>}. */
    public static String hubSignature(String clientSecret, byte[] body) {
        return "sha1=" + hmac("HmacSHA1", clientSecret, body);
    }

    /** The {@code X-Body-Signature} value, bare hex. */
    public static String bodySignature(String clientSecret, byte[] body) {
        return hmac("HmacSHA256", clientSecret, body);
    }

    private static String hmac(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", impossible);
        }
    }
}
