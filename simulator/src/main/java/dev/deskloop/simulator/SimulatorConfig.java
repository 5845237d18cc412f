package dev.deskloop.simulator;

import dev.deskloop.simulator.intercom.IntercomSettings;
import dev.deskloop.simulator.zendesk.ZendeskSettings;
import java.time.Clock;

/**
 * How to start a {@link Simulator}: where to listen, which clock to use (inject an
 * {@link AdjustableClock} to test expiry and retries without sleeping) and each provider's settings.
 *
 * @param host               interface to bind, {@code 127.0.0.1} by default
 * @param port               port to bind; 0 picks a free one
 * @param requestLogCapacity how many recorded requests to keep (oldest dropped first)
 */
public record SimulatorConfig(String host, int port, Clock clock, ZendeskSettings zendesk, IntercomSettings intercom,
                              int requestLogCapacity) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Loopback, a free port, the system clock, documented provider defaults with random client secrets. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(DEFAULT_HOST, 0, Clock.systemUTC(), ZendeskSettings.defaults(), IntercomSettings.defaults(), 10_000);
    }

    public SimulatorConfig withHost(String value) {
        return new SimulatorConfig(value, port, clock, zendesk, intercom, requestLogCapacity);
    }

    public SimulatorConfig withPort(int value) {
        return new SimulatorConfig(host, value, clock, zendesk, intercom, requestLogCapacity);
    }

    public SimulatorConfig withClock(Clock value) {
        return new SimulatorConfig(host, port, value, zendesk, intercom, requestLogCapacity);
    }

    public SimulatorConfig withZendesk(ZendeskSettings value) {
        return new SimulatorConfig(host, port, clock, value, intercom, requestLogCapacity);
    }

    public SimulatorConfig withIntercom(IntercomSettings value) {
        return new SimulatorConfig(host, port, clock, zendesk, value, requestLogCapacity);
    }

    public SimulatorConfig withRequestLogCapacity(int value) {
        return new SimulatorConfig(host, port, clock, zendesk, intercom, value);
    }
}
