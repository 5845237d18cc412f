package dev.deskloop.bug;

import dev.deskloop.triage.TextEmbedder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BugConfiguration {

    /** The shared MiniLM model (the built-in triage engine loads the same one); thread-safe, loaded once. */
    @Bean
    TextEmbedder bugTextEmbedder() {
        return TextEmbedder.miniLm();
    }
}
