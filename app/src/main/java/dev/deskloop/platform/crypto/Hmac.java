package dev.deskloop.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC over raw bytes with a text key used as-is (UTF-8, never decoded), as the providers' webhook signatures and
 * the deploy webhook define it. Callers encode the result (base64, hex) and compare with constant time.
 */
public final class Hmac {

    private Hmac() {
    }

    /** {@code algorithm} is a JDK Mac name such as {@code HmacSHA256} or {@code HmacSHA1}; parts are MACed in order. */
    public static byte[] compute(String algorithm, String key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
