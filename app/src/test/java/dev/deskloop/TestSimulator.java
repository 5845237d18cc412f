package dev.deskloop;

import dev.deskloop.simulator.Simulator;
import dev.deskloop.simulator.SimulatorConfig;
import dev.deskloop.simulator.intercom.IntercomSettings;
import dev.deskloop.simulator.zendesk.ZendeskSettings;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One in-process Zendesk and Intercom simulator per test JVM, and the properties that point Deskloop at it.
 * Webhooks the simulator sends go to an address nothing listens on unless a test serves the app on a real port.
 */
public final class TestSimulator {

    public static final String ZENDESK_CLIENT_ID = "deskloop-test";
    public static final String ZENDESK_CLIENT_SECRET = "zendesk-test-client-secret";
    public static final String INTERCOM_CLIENT_ID = "deskloop-test-intercom";
    public static final String INTERCOM_CLIENT_SECRET = "intercom-test-client-secret";

    private static Simulator shared;

    private TestSimulator() {
    }

    public static synchronized Simulator shared() {
        if (shared == null) {
            shared = Simulator.start(SimulatorConfig.defaults()
                    .withPort(0)
                    .withZendesk(ZendeskSettings.defaults().withClient(ZENDESK_CLIENT_ID, ZENDESK_CLIENT_SECRET))
                    .withIntercom(IntercomSettings.defaults().withClient(INTERCOM_CLIENT_ID, INTERCOM_CLIENT_SECRET)));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** The same properties as a map, for contexts started by hand. */
    public static java.util.Map<String, String> properties(Simulator simulator) {
        java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
        register(new DynamicPropertyRegistry() {
            @Override
            public void add(String name, java.util.function.Supplier<Object> valueSupplier) {
                properties.put(name, String.valueOf(valueSupplier.get()));
            }
        }, simulator);
        return properties;
    }

    public static void register(DynamicPropertyRegistry registry, Simulator simulator) {
        registry.add("deskloop.zendesk.client-id", () -> ZENDESK_CLIENT_ID);
        registry.add("deskloop.zendesk.client-secret", () -> ZENDESK_CLIENT_SECRET);
        registry.add("deskloop.zendesk.base-url", () -> simulator.baseUrl() + "/zendesk/{subdomain}");
        registry.add("deskloop.intercom.client-id", () -> INTERCOM_CLIENT_ID);
        registry.add("deskloop.intercom.client-secret", () -> INTERCOM_CLIENT_SECRET);
        registry.add("deskloop.intercom.api-base-url", () -> simulator.baseUrl() + "/intercom/api");
        registry.add("deskloop.intercom.app-base-url", () -> simulator.baseUrl() + "/intercom/app");
    }
}
