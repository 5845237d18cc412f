package dev.deskloop.platform.crypto;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.deskloop.platform.PlatformSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

    @Bean
    TokenCipher tokenCipher(CryptoSettings crypto, PlatformSettings platform) {
        Path file = crypto.masterKeyFile();
        if (file == null) {
            file = platform.dataDir().resolve("master-keyset.json");
            if (!Files.exists(file)) {
                log.warn("DESKLOOP_MASTER_KEY_FILE is not set: generating a master keyset at {}. Back it up; "
                        + "without it the stored tokens cannot be read. In production, set DESKLOOP_MASTER_KEY_FILE.",
                        file.toAbsolutePath());
            }
        } else if (!Files.exists(file)) {
            log.warn("The master keyset {} does not exist yet: generating it.", file.toAbsolutePath());
        }
        return TokenCipher.open(file);
    }
}
