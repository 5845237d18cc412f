package dev.deskloop.simulator.http;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Unguessable hex strings: client secrets, authorization codes, tokens and consent ids. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** {@code bytes} random bytes as lowercase hex ({@code 2 * bytes} characters). */
    public static String hex(int bytes) {
        byte[] data = new byte[bytes];
        RANDOM.nextBytes(data);
        return HexFormat.of().formatHex(data);
    }
}
