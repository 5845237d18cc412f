package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deskloop.ConsentScreen;
import dev.deskloop.DeskloopApplication;
import dev.deskloop.TestDatabases;
import dev.deskloop.TestSimulator;
import dev.deskloop.connection.ConnectionLifecycle;
import dev.deskloop.connection.Connections;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.simulator.Simulator;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import dev.deskloop.workspace.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Deskloop instances on one database: 500 deliveries (every event twice) split across both, and both job
 * queues working at once. Every ticket is stored and triaged exactly once.
 */
class TwoInstancesIT {

    private static final int TICKETS = 250;
    private static final Simulator SIMULATOR = TestSimulator.shared();

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        Path dataDir = Files.createTempDirectory("deskloop-two");
        Map<String, Object> properties = new HashMap<>(TestDatabases.properties(
                "two" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)));
        properties.putAll(TestSimulator.properties(SIMULATOR));
        properties.put("deskloop.data-dir", dataDir.toString());
        properties.put("deskloop.public-url", "http://127.0.0.1:9");
        properties.put("server.port", "0");
        // As command-line arguments: they outrank application.yml, unlike the builder's default properties.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        first = new SpringApplicationBuilder(DeskloopApplication.class).run(args);
        second = new SpringApplicationBuilder(DeskloopApplication.class).run(args);
    }

    @AfterAll
    static void stop() {
        SIMULATOR.zendesk().faults().clear();
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void everyTicketIsProcessedExactlyOnceAcrossTwoInstances() throws Exception {
        // 250 tickets need 500 API reads; this test is about exactly-once, not Zendesk's 400 calls a minute.
        SIMULATOR.zendesk().faults().rateLimitPerMinute(100_000);
        String subdomain = "two" + UUID.randomUUID().toString().substring(0, 8);
        UUID connectionId = connect(subdomain);
        String secret = first.getBean(Connections.class).signingSecret(connectionId).orElseThrow();

        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            ZendeskTicket ticket = SIMULATOR.zendesk().createTicket(subdomain,
                    CustomerTicket.of("Problem " + i, "Exporting report " + i + " fails with an error since this morning."));
            String body = Deliveries.zendeskBody("ticket.created", ticket.id(), ticket.updatedAt());
            bodies.add(body);
            bodies.add(body);
        }
        Collections.shuffle(bodies, new Random(7));

        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        int[] ports = {port(first), port(second)};
        try (var pool = Executors.newFixedThreadPool(16); var http = HttpClient.newHttpClient()) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                String body = bodies.get(i);
                int port = ports[i % 2];
                sent.add(pool.submit(() -> {
                    String timestamp = Instant.now().toString();
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/" + connectionId))
                            .header("Content-Type", "application/json")
                            .header("X-Zendesk-Webhook-Signature", Deliveries.zendeskSignature(secret, timestamp, body))
                            .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    String outcome = response.statusCode() + " " + response.body().replaceAll(".*\"status\":\"([a-z]+)\".*", "$1");
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        assertThat(outcomes.keySet()).containsOnly("200 received", "200 duplicate");
        assertThat(outcomes.get("200 received").get()).isEqualTo(TICKETS);

        Jobs jobsA = first.getBean(Jobs.class);
        Jobs jobsB = second.getBean(Jobs.class);
        for (int round = 0; round < 20 && pending(connectionId) > 0; round++) {
            try (var both = Executors.newFixedThreadPool(2)) {
                Future<Integer> a = both.submit(jobsA::runDue);
                Future<Integer> b = both.submit(jobsB::runDue);
                a.get();
                b.get();
            }
        }

        JdbcClient jdbc = first.getBean(JdbcClient.class);
        assertThat(count(jdbc, "select count(*) from inbox where connection_id = :c", connectionId)).isEqualTo(TICKETS);
        assertThat(count(jdbc, "select count(*) from inbox where connection_id = :c and status = 'done'", connectionId))
                .isEqualTo(TICKETS);
        assertThat(count(jdbc, "select count(*) from ticket where connection_id = :c", connectionId)).isEqualTo(TICKETS);
        assertThat(count(jdbc, """
                select count(*) from triage_result r join ticket t on t.id = r.ticket_id where t.connection_id = :c""",
                connectionId)).isEqualTo(TICKETS);
        assertThat(count(jdbc, """
                select count(*) from triage_result r join ticket t on t.id = r.ticket_id
                where t.connection_id = :c and r.version > 1""", connectionId)).isZero();
    }

    private UUID connect(String subdomain) {
        Fixtures fixtures = first.getBean(Fixtures.class);
        ConnectionLifecycle lifecycle = first.getBean(ConnectionLifecycle.class);
        Fixtures.Team team = fixtures.team("two");
        URI consent = lifecycle.start(fixtures.caller(team.workspace(), team.owner()), ProviderId.ZENDESK, subdomain);
        URI callback = new ConsentScreen().allow(consent);
        Map<String, String> query = new HashMap<>();
        for (String pair : callback.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        var completion = lifecycle.complete(ProviderId.ZENDESK, team.owner().id(), team.owner().email(),
                query.get("state"), query.get("code"), null);
        assertThat(completion.succeeded()).as(completion.message()).isTrue();
        return completion.connectionId();
    }

    private long pending(UUID connectionId) {
        return count(first.getBean(JdbcClient.class),
                "select count(*) from inbox where connection_id = :c and status <> 'done'", connectionId);
    }

    private static long count(JdbcClient jdbc, String sql, UUID connectionId) {
        return jdbc.sql(sql).param("c", connectionId).query(Long.class).single();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
