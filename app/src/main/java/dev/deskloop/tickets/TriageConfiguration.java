package dev.deskloop.tickets;

import dev.deskloop.triage.TriageEngine;
import dev.deskloop.triage.TriageEngines;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TriageConfiguration {

    /** The built-in offline engine, loaded once; it is thread-safe. */
    @Bean
    TriageEngine triageEngine() {
        return TriageEngines.builtin();
    }
}
