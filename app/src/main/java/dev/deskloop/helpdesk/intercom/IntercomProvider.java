package dev.deskloop.helpdesk.intercom;

import java.net.URI;

import dev.deskloop.helpdesk.HelpdeskProvider;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.helpdesk.ProviderWebhooks;
import dev.deskloop.helpdesk.WebhookRegistration;
import dev.deskloop.helpdesk.http.ProviderHttp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IntercomProvider {

    @Bean
    HelpdeskProvider intercom(IntercomSettings settings, ProviderHttp http) {
        IntercomClient client = new IntercomClient(settings, http);
        return new HelpdeskProvider(ProviderId.INTERCOM, new IntercomAuth(settings, http), new AppLevelWebhooks(),
                new IntercomEvents(settings), client, new IntercomWriter(settings, http, client));
    }

    /**
     * Intercom webhook topics belong to the app (set in its Developer Hub), not to one workspace: nothing is
     * registered per connection, and deliveries are matched to a connection by their {@code app_id}.
     */
    static final class AppLevelWebhooks implements ProviderWebhooks {

        @Override
        public WebhookRegistration register(String account, String accessToken, URI webhookUrl) {
            return WebhookRegistration.NONE;
        }

        @Override
        public void unregister(String account, String accessToken, WebhookRegistration registration) {
            // Uninstalling the app (ProviderAuth.revoke) stops the workspace's deliveries.
        }
    }
}
