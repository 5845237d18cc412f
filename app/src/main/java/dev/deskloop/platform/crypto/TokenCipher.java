package dev.deskloop.platform.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.util.Set;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts secrets before they touch the database: Tink AEAD with AES-256-GCM, bound to the row they belong to
 * through the associated data, so a ciphertext copied to another row does not decrypt. The keyset can hold several
 * keys; new ciphertexts use the primary one, old ones stay readable. When a ciphertext names a key this process
 * does not know yet (another process rotated the keyset), the keyset file is read again.
 */
public final class TokenCipher {

    private static final Logger log = LoggerFactory.getLogger(TokenCipher.class);

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Path keysetFile;
    private volatile Loaded current;

    private TokenCipher(Path keysetFile, Loaded loaded) {
        this.keysetFile = keysetFile;
        this.current = loaded;
    }

    /** Opens the keyset file, creating it with one fresh key when it does not exist. */
    public static TokenCipher open(Path keysetFile) {
        try {
            if (!Files.exists(keysetFile)) {
                write(keysetFile, KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
            }
            return new TokenCipher(keysetFile, load(keysetFile));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot open the master keyset " + keysetFile.toAbsolutePath()
                    + ": " + e.getClass().getSimpleName(), e);
        }
    }

    public byte[] encrypt(String plaintext, String associatedData) {
        try {
            return current.aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), bytes(associatedData));
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadableException("encryption failed", e);
        }
    }

    public String decrypt(byte[] ciphertext, String associatedData) {
        try {
            return decryptWith(current, ciphertext, associatedData);
        } catch (GeneralSecurityException first) {
            Loaded reloaded = reloadIfChanged();
            if (reloaded != null) {
                try {
                    return decryptWith(reloaded, ciphertext, associatedData);
                } catch (GeneralSecurityException second) {
                    throw new SecretUnreadableException("a stored secret cannot be decrypted with the master keyset", second);
                }
            }
            throw new SecretUnreadableException("a stored secret cannot be decrypted with the master keyset", first);
        }
    }

    /**
     * Adds a new AES-256-GCM key, makes it the primary and saves the keyset atomically; the old keys stay, so every
     * existing ciphertext is still readable. Returns the number of keys now in the keyset.
     */
    public synchronized int rotate() {
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(current.handle())
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
            write(keysetFile, rotated);
            current = load(keysetFile);
            return rotated.size();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot rotate the master keyset: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Key id of the primary key; tests use it to see that rotation changed it. */
    public int primaryKeyId() {
        return current.handle().getPrimary().getId();
    }

    private synchronized Loaded reloadIfChanged() {
        try {
            FileTime modified = Files.getLastModifiedTime(keysetFile);
            if (modified.equals(current.modified())) {
                return null;
            }
            current = load(keysetFile);
            log.info("Reloaded the master keyset after it changed on disk");
            return current;
        } catch (GeneralSecurityException | IOException e) {
            log.warn("Could not reload the master keyset: {}", e.getClass().getSimpleName());
            return null;
        }
    }

    private static String decryptWith(Loaded loaded, byte[] ciphertext, String associatedData)
            throws GeneralSecurityException {
        return new String(loaded.aead().decrypt(ciphertext, bytes(associatedData)), StandardCharsets.UTF_8);
    }

    private static Loaded load(Path file) throws IOException, GeneralSecurityException {
        FileTime modified = Files.getLastModifiedTime(file);
        KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
        return new Loaded(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class), modified);
    }

    private static void write(Path file, KeysetHandle handle) throws IOException, GeneralSecurityException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".keyset", ".tmp");
        try {
            restrict(temp);
            Files.writeString(temp, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, Set.of(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
        } catch (UnsupportedOperationException | IOException e) {
            log.warn("Could not restrict the permissions of {}", file.getFileName());
        }
    }

    private static byte[] bytes(String associatedData) {
        return associatedData.getBytes(StandardCharsets.UTF_8);
    }

    private record Loaded(KeysetHandle handle, Aead aead, FileTime modified) {
    }

    /** A stored secret could not be decrypted (wrong key file, tampered or misplaced ciphertext). */
    public static final class SecretUnreadableException extends RuntimeException {
        SecretUnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
