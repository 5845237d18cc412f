package dev.deskloop.bug;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;


import dev.deskloop.audit.AuditLog;
import dev.deskloop.platform.crypto.KeyRotation;
import dev.deskloop.platform.crypto.Hmac;
import dev.deskloop.platform.crypto.SecretTokens;
import dev.deskloop.platform.crypto.TokenCipher;
import dev.deskloop.workspace.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-workspace secret that signs deploy webhooks ({@code X-Deskloop-Signature: sha256=<hex HMAC-SHA256 of the
 * raw body>}). Stored encrypted, bound to the workspace; shown once when generated, never again.
 */
@Component
public class DeploySecrets implements KeyRotation.EncryptedSecrets {

    private final JdbcClient jdbc;
    private final TokenCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    DeploySecrets(JdbcClient jdbc, TokenCipher cipher, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    /** Generates a new secret (the old one stops working) and returns it; the only time it is readable. */
    @Transactional
    public String generate(Caller caller) {
        caller.requireAdministrator();
        String secret = SecretTokens.generate("dlsd_");
        UUID workspaceId = caller.workspaceId();
        boolean replaced = jdbc.sql("delete from deploy_secret where workspace_id = :w").param("w", workspaceId).update() > 0;
        jdbc.sql("insert into deploy_secret (workspace_id, secret, created_at) values (:w, :secret, :now)")
                .param("w", workspaceId)
                .param("secret", cipher.encrypt(secret, associatedData(workspaceId)), Types.BINARY)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        audit.record(workspaceId, caller.email(), "deploy_secret.generated", "deploy webhook",
                replaced ? "a new secret replaced the previous one" : "first secret");
        return secret;
    }

    /** When the workspace's current secret was generated, if it has one. */
    public Optional<Instant> createdAt(UUID workspaceId) {
        return jdbc.sql("select created_at from deploy_secret where workspace_id = :w").param("w", workspaceId)
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).optional();
    }

    /**
     * Checks that {@code signature} is {@code sha256=<hex HMAC-SHA256 of body>} under the workspace's secret, reading
     * the secret once; a workspace without a secret is told apart so that only real workspaces are audited.
     */
    public Verification verify(UUID workspaceId, byte[] body, String signature) {
        Optional<byte[]> stored = jdbc.sql("select secret from deploy_secret where workspace_id = :w")
                .param("w", workspaceId).query((rs, row) -> rs.getBytes(1)).optional();
        if (stored.isEmpty()) {
            return Verification.NO_SECRET;
        }
        if (signature == null || !signature.startsWith("sha256=")) {
            return Verification.INVALID;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring("sha256=".length()).strip());
        } catch (IllegalArgumentException notHex) {
            return Verification.INVALID;
        }
        String secret = cipher.decrypt(stored.get(), associatedData(workspaceId));
        return MessageDigest.isEqual(sign(secret, body), given) ? Verification.VALID : Verification.INVALID;
    }

    /** Key rotation: rewrites every deploy secret under the current primary key. */
    @Override
    public int reEncrypt(TokenCipher current) {
        var rows = jdbc.sql("select workspace_id, secret from deploy_secret")
                .query((rs, row) -> new Object[] {rs.getObject(1, UUID.class), rs.getBytes(2)}).list();
        int rewritten = 0;
        for (Object[] row : rows) {
            if (reEncrypt(current, (UUID) row[0], (byte[]) row[1])) {
                rewritten++;
            }
        }
        return rewritten;
    }

    /**
     * Rewrites one workspace's secret, read as {@code sealed}, under the primary key; false when it changed since it
     * was read (an admin made a new one while the rotation ran): the new one stays, not the old one re-encrypted.
     */
    boolean reEncrypt(TokenCipher current, UUID workspaceId, byte[] sealed) {
        String plain = current.decrypt(sealed, associatedData(workspaceId));
        return jdbc.sql("update deploy_secret set secret = :secret where workspace_id = :w and secret = :old")
                .param("secret", current.encrypt(plain, associatedData(workspaceId)), Types.BINARY)
                .param("w", workspaceId).param("old", sealed, Types.BINARY).update() == 1;
    }

    static byte[] sign(String secret, byte[] body) {
        return Hmac.compute("HmacSHA256", secret, body);
    }

    /** The outcome of checking a deploy webhook's signature. */
    public enum Verification {
        VALID,
        /** The workspace has a secret and the signature does not match it. */
        INVALID,
        /** The workspace has no deploy secret (or does not exist), so nothing can be signed for it. */
        NO_SECRET
    }

    private static String associatedData(UUID workspaceId) {
        return "deploy_secret:" + workspaceId;
    }
}
