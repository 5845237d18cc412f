package dev.deskloop.platform.crypto;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Rotates the master keyset and then asks every module that stores secrets to re-encrypt them with the new
 * primary key.
 */
@Component
public class KeyRotation {

    private final TokenCipher cipher;
    private final List<EncryptedSecrets> stores;

    KeyRotation(TokenCipher cipher, List<EncryptedSecrets> stores) {
        this.cipher = cipher;
        this.stores = stores;
    }

    public Result rotate() {
        int keys = cipher.rotate();
        int reEncrypted = 0;
        for (EncryptedSecrets store : stores) {
            reEncrypted += store.reEncrypt(cipher);
        }
        return new Result(keys, cipher.primaryKeyId(), reEncrypted);
    }

    /** How the rotation went: keys now in the keyset, the new primary key id, secrets re-encrypted. */
    public record Result(int keys, int primaryKeyId, int reEncrypted) {
    }

    /** A module that keeps encrypted secrets and can re-encrypt them with the current primary key. */
    public interface EncryptedSecrets {
        /** Re-encrypts every stored secret; returns how many were rewritten. */
        int reEncrypt(TokenCipher cipher);
    }
}
