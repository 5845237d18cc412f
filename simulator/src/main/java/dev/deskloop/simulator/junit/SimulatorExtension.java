package dev.deskloop.simulator.junit;

import dev.deskloop.simulator.Simulator;
import dev.deskloop.simulator.SimulatorConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link Simulator} for JUnit tests: started on a free loopback port before the first test of a
 * class, reset before each test (a fresh state with the same base URL), closed after the class, and
 * injected into test constructors and methods that declare a {@code Simulator} parameter.
 *
 * <pre>{@code
 * @ExtendWith(SimulatorExtension.class)
 * class ConnectZendeskTest {
 *     @Test
 *     void storesTokens(Simulator simulator) { ... simulator.zendesk().baseUrl("acme") ... }
 * }
 *
 * // or, with settings:
 * @RegisterExtension
 * static SimulatorExtension simulator = SimulatorExtension.withConfig(SimulatorConfig.defaults().withClock(clock));
 * }</pre>
 */
public final class SimulatorExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SimulatorExtension.class);

    private final SimulatorConfig config;
    private volatile Simulator current;

    /** With the defaults: random port, system clock, documented provider behaviour. */
    public SimulatorExtension() {
        this(SimulatorConfig.defaults());
    }

    private SimulatorExtension(SimulatorConfig config) {
        this.config = config.withPort(0);
    }

    public static SimulatorExtension withConfig(SimulatorConfig config) {
        return new SimulatorExtension(config);
    }

    /** The running simulator (for {@code @RegisterExtension} fields); fails outside a test. */
    public Simulator simulator() {
        if (current == null) {
            throw new IllegalStateException("the simulator starts before the first test of the class");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        current = context.getStore(NAMESPACE).computeIfAbsent(storeKey(), k -> Simulator.start(config), Simulator.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // Non-static @RegisterExtension fields get no beforeAll: start one for this test alone.
        current = context.getStore(NAMESPACE).computeIfAbsent(storeKey(), k -> Simulator.start(config), Simulator.class);
        current.reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Simulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).computeIfAbsent(storeKey(), k -> Simulator.start(config), Simulator.class);
    }

    private String storeKey() {
        return "simulator-" + System.identityHashCode(this);
    }
}
