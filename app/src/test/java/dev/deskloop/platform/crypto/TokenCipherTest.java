package dev.deskloop.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCipherTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsASecretBoundToItsRow() {
        TokenCipher cipher = TokenCipher.open(dir.resolve("keys.json"));

        byte[] sealed = cipher.encrypt("access-token-123", "connection:a");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("access-token-123");
        assertThat(cipher.decrypt(sealed, "connection:a")).isEqualTo("access-token-123");
    }

    @Test
    void refusesACiphertextMovedToAnotherRow() {
        TokenCipher cipher = TokenCipher.open(dir.resolve("keys.json"));
        byte[] sealed = cipher.encrypt("secret", "connection:a");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "connection:b"))
                .isInstanceOf(TokenCipher.SecretUnreadableException.class)
                .hasMessageNotContaining("secret\"");
    }

    @Test
    void refusesATamperedCiphertext() {
        TokenCipher cipher = TokenCipher.open(dir.resolve("keys.json"));
        byte[] sealed = cipher.encrypt("secret", "row");
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(sealed, "row")).isInstanceOf(TokenCipher.SecretUnreadableException.class);
    }

    @Test
    void rotationKeepsOldCiphertextsReadableAndUsesTheNewKey() {
        TokenCipher cipher = TokenCipher.open(dir.resolve("keys.json"));
        byte[] old = cipher.encrypt("before", "row");
        int oldPrimary = cipher.primaryKeyId();

        assertThat(cipher.rotate()).isEqualTo(2);

        assertThat(cipher.primaryKeyId()).isNotEqualTo(oldPrimary);
        assertThat(cipher.decrypt(old, "row")).isEqualTo("before");
        byte[] fresh = cipher.encrypt("after", "row");
        assertThat(TokenCipher.open(dir.resolve("keys.json")).decrypt(fresh, "row")).isEqualTo("after");
    }

    @Test
    void anotherProcessReadsCiphertextsMadeWithAKeyItLoadedLater() throws Exception {
        Path file = dir.resolve("keys.json");
        TokenCipher running = TokenCipher.open(file);
        TokenCipher rotator = TokenCipher.open(file);
        rotator.rotate();
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        byte[] withNewKey = rotator.encrypt("new", "row");

        assertThat(running.decrypt(withNewKey, "row")).isEqualTo("new");
    }

    @Test
    void keepsTheKeysetFilePrivate() throws Exception {
        Path file = dir.resolve("keys.json");
        TokenCipher.open(file);

        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }
}
