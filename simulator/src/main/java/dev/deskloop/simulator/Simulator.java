package dev.deskloop.simulator;

import dev.deskloop.simulator.control.ControlApi;
import dev.deskloop.simulator.control.HomePage;
import dev.deskloop.simulator.http.Call;
import dev.deskloop.simulator.http.Redaction;
import dev.deskloop.simulator.http.SimulatorServer;
import dev.deskloop.simulator.http.WebhookQueue;
import dev.deskloop.simulator.intercom.IntercomSimulator;
import dev.deskloop.simulator.zendesk.ZendeskSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running Zendesk + Intercom simulator: one HTTP server with both providers, the control API and the
 * page for people. Start one per test class (see {@code SimulatorExtension}) or alone with
 * {@code ./deskloop simulator}; {@link #reset()} gives a fresh state without restarting.
 */
public final class Simulator implements AutoCloseable {

    private final SimulatorConfig config;
    private final SimulatorServer server;
    private final WebhookQueue queue;
    private final RequestLog requests;
    private final ZendeskSimulator zendesk;
    private final IntercomSimulator intercom;
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String baseUrl;

    private Simulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.requests = new RequestLog(config.requestLogCapacity());
        this.queue = new WebhookQueue(config.clock());
        this.server = new SimulatorServer(config.host(), config.port());
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        this.baseUrl = "http://" + host + ":" + server.port();
        this.zendesk = new ZendeskSimulator(config.zendesk(), config.clock(), this::baseUrl, this::record, queue);
        this.intercom = new IntercomSimulator(config.intercom(), config.clock(), this::baseUrl, this::record, queue);
        ControlApi control = new ControlApi(this);
        HomePage page = new HomePage(this);
        server.mount("/zendesk", zendesk::handle)
            .mount("/intercom", intercom::handle)
            .mount("/control", control::handle)
            .mount("/", page::handle);
        server.start();
    }

    /** Starts a simulator; with port 0 in the config a free port is chosen. */
    public static Simulator start(SimulatorConfig config) {
        try {
            return new Simulator(config);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the simulator on " + config.host() + ":" + config.port(), e);
        }
    }

    /** Starts a simulator with the defaults on a free loopback port. */
    public static Simulator start() {
        return start(SimulatorConfig.defaults());
    }

    /** For example {@code http://127.0.0.1:8081}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.port();
    }

    public SimulatorConfig config() {
        return config;
    }

    public Clock clock() {
        return config.clock();
    }

    public ZendeskSimulator zendesk() {
        return zendesk;
    }

    public IntercomSimulator intercom() {
        return intercom;
    }

    /** The requests both providers received (Authorization headers redacted). */
    public RequestLog requests() {
        return requests;
    }

    /** Every webhook delivery attempt, both providers, oldest first. */
    public List<Delivery> deliveries() {
        return queue.deliveries();
    }

    /**
     * Waits until every webhook due on the clock has been attempted, instead of sleeping; retries that
     * are not yet due (the clock has not reached them) stay queued.
     *
     * @throws IllegalStateException if deliveries are still pending after {@code timeout}
     */
    public void awaitDeliveries(Duration timeout) {
        queue.awaitIdle(timeout);
    }

    /** Deliveries queued, held for reordering or in flight, including retries not yet due. */
    public int pendingDeliveries() {
        return queue.pending();
    }

    /** Forgets all provider state, recorded requests, deliveries and faults; keeps the port and settings. */
    public void reset() {
        queue.clear();
        zendesk.reset();
        intercom.reset();
        requests.clear();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
            queue.close();
        }
    }

    private void record(String provider, String tenant, Call call, int status) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        call.headers().forEach((name, values) -> {
            List<String> redacted = new ArrayList<>();
            values.forEach(v -> redacted.add(Redaction.header(name, v)));
            headers.put(name, redacted);
        });
        requests.add(new RecordedRequest(requestIds.incrementAndGet(), config.clock().instant(), provider, tenant, call.method(),
            call.path(), call.rawQuery(), headers, new String(call.body(), StandardCharsets.UTF_8), status));
    }
}
