package dev.deskloop.platform.crypto;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the master keyset for secrets at rest lives. Unset: a keyset generated under the data directory, which
 * suits the embedded default but should be replaced by a managed file in production.
 */
@ConfigurationProperties("deskloop")
public record CryptoSettings(Path masterKeyFile) {
}
