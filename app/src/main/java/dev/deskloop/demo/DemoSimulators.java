package dev.deskloop.demo;

import dev.deskloop.helpdesk.intercom.IntercomSettings;
import dev.deskloop.helpdesk.zendesk.ZendeskSettings;
import dev.deskloop.platform.PlatformSettings;
import dev.deskloop.simulator.Simulator;
import dev.deskloop.simulator.SimulatorConfig;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;

/**
 * Starts the simulators with the OAuth clients Deskloop is configured with (the demo profile generates the client
 * secrets at each start, so none is written anywhere) and prints where everything is.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@Profile("demo")
class DemoSimulators {

    @Bean(destroyMethod = "close")
    Simulator demoSimulator(DemoSettings demo, ZendeskSettings zendesk, IntercomSettings intercom,
                            PlatformSettings platform) {
        String callbackBase = platform.link("/oauth/");
        return Simulator.start(SimulatorConfig.defaults()
                .withHost(demo.simulatorHost())
                .withPort(demo.simulatorPort())
                .withZendesk(dev.deskloop.simulator.zendesk.ZendeskSettings.defaults()
                        .withClient(zendesk.clientId(), zendesk.clientSecret())
                        .withRedirectUris(java.util.List.of(callbackBase + "zendesk/callback")))
                .withIntercom(dev.deskloop.simulator.intercom.IntercomSettings.defaults()
                        .withClient(intercom.clientId(), intercom.clientSecret())
                        .withRedirectUris(java.util.List.of(callbackBase + "intercom/callback"))));
    }

    @Bean
    Announcement demoAnnouncement(Simulator simulator, PlatformSettings platform) {
        return new Announcement(simulator, platform);
    }

    /** Prints the demo's addresses once Deskloop is ready to serve. */
    static final class Announcement {
        private final Simulator simulator;
        private final PlatformSettings platform;

        Announcement(Simulator simulator, PlatformSettings platform) {
            this.simulator = simulator;
            this.platform = platform;
        }

        @EventListener(ApplicationReadyEvent.class)
        void ready() {
            // The Intercom app has one webhook URL (set in its Developer Hub); deliveries are matched by app_id.
            try {
                simulator.intercom().configureWebhook(platform.link("/hooks/intercom"));
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(DemoSimulators.class)
                        .warn("Could not set the simulated Intercom app's webhook URL: {}", e.getMessage());
            }
            System.out.printf("""

                    =================================================================
                      Deskloop demo is running.

                      Deskloop:    %s
                      Simulators:  %s  (Zendesk and Intercom, as a customer sees them)

                      1. Sign in to Deskloop (first start: open the setup link printed above).
                      2. Integrations → Connect Zendesk, subdomain "acme", then Allow on the consent screen
                         (or Connect Intercom).
                      3. Create a ticket on the simulator page and watch it in Deskloop.
                    =================================================================

                    """, platform.link("/"), simulator.baseUrl() + "/");
        }
    }
}
