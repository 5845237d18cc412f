package dev.deskloop.platform.crypto;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/** {@code ./deskloop rotate-key}: adds a new primary key, re-encrypts every stored secret, and exits. */
@Component
@ConditionalOnProperty(name = "deskloop.command", havingValue = "rotate-key")
class RotateKeyCommand implements ApplicationRunner {

    private final KeyRotation rotation;
    private final ApplicationContext context;

    RotateKeyCommand(KeyRotation rotation, ApplicationContext context) {
        this.rotation = rotation;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        KeyRotation.Result result = rotation.rotate();
        System.out.printf("Rotated the master keyset: %d keys, new primary key id %s, %d secrets re-encrypted.%n"
                + "Running instances pick up the new key when they next read a secret.%n",
                result.keys(), Integer.toUnsignedString(result.primaryKeyId()), result.reEncrypted());
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
