package dev.deskloop.helpdesk.zendesk;

import java.time.Clock;

import dev.deskloop.helpdesk.HelpdeskProvider;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.helpdesk.http.ProviderHttp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ZendeskProvider {

    @Bean
    HelpdeskProvider zendesk(ZendeskSettings settings, ProviderHttp http, Clock clock) {
        ZendeskClient client = new ZendeskClient(settings, http);
        return new HelpdeskProvider(ProviderId.ZENDESK, new ZendeskAuth(settings, http, clock),
                new ZendeskWebhooks(settings, http), new ZendeskEvents(), client,
                new ZendeskWriter(settings, http, client));
    }
}
