package dev.deskloop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Deskloop service: connects a support desk, triages its tickets and closes the loop with engineering.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DeskloopApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeskloopApplication.class, args);
    }
}
