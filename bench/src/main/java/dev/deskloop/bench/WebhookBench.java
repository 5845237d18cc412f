package dev.deskloop.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.deskloop.simulator.RecordedRequest;
import dev.deskloop.simulator.Simulator;
import dev.deskloop.simulator.SimulatorConfig;
import dev.deskloop.simulator.intercom.IntercomConversation;
import dev.deskloop.simulator.intercom.IntercomPart;
import dev.deskloop.simulator.intercom.IntercomSettings;
import dev.deskloop.simulator.zendesk.CustomerTicket;
import dev.deskloop.simulator.zendesk.ZendeskComment;
import dev.deskloop.simulator.zendesk.ZendeskSettings;
import dev.deskloop.simulator.zendesk.ZendeskTicket;
import dev.deskloop.simulator.zendesk.ZendeskWebhook;

/**
 * Webhook ingestion benchmark (issue 6 item 8). Starts {@code app/target/deskloop-app.jar} as a child process on
 * 127.0.0.1 with a fresh H2 data directory or a fresh PostgreSQL database, and the Zendesk/Intercom simulator in this
 * process; sets the owner's password, signs in, connects Zendesk (and, for phase (e), Intercom in a workspace of its
 * own) through the consent screens, and then measures:
 * <ol>
 *   <li>(c) webhook in → internal note accepted by the simulator, for bug tickets: a short burst at 20 tickets/s and
 *   a steady 1 ticket/s, with the simulator's real limit of 100 ticket updates a minute (Deskloop paces its writes
 *   at 90 a minute, so a burst's notes beyond that wait for the next minute);</li>
 *   <li>(d) the same at 20 tickets/s spread over 15 Zendesk accounts, each in a workspace of its own and each below
 *   Zendesk's limit;</li>
 *   <li>(e) webhook in → internal note in the conversation for Intercom: {@code conversation.user.created}
 *   notifications for bug reports at 20 conversations/s, signed as Intercom signs them, with the simulator's default
 *   Intercom limit (10,000 calls a minute per app, counted in 10-second windows);</li>
 *   <li>(b) webhook in → triage stored at a fixed 20 tickets/s (the ticket is fetched from the simulator);</li>
 *   <li>(a) signed, verified, deduplicated, durable deliveries at a fixed 500/s, with acknowledgement latency;</li>
 *   <li>(a) the same at the maximum rate a fixed number of senders reach;</li>
 * </ol>
 * with about 10% duplicate deliveries, checking that the inbox holds exactly one row per distinct delivery. Prints its
 * figures and stops by itself; every phase is bounded in count and time, and a watchdog ends the run (and the app)
 * after {@code --time-limit-seconds}. Run it through {@code bench/run}.
 */
public final class WebhookBench {

    private static final String SUBDOMAIN = "bench";
    private static final String OWNER_EMAIL = "owner@localhost";
    /**
     * Enough for every API request of phases (c), (d) and (e) (3-4 per ticket or conversation), which run right after
     * the warm-up drained.
     */
    private static final int REQUEST_LOG_CAPACITY = 20_000;
    private static final Pattern TICKET_UPDATE = Pattern.compile(".*/api/v2/tickets/\\d+(\\.json)?");

    private final Options options;
    private final PrintStream out = System.out;
    private final List<String> summary = new ArrayList<>();
    private final Map<String, String> results = new LinkedHashMap<>();
    private volatile AppUnderTest app;
    private Path runDir;

    private WebhookBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        WebhookBench bench = new WebhookBench(options);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopApp, "stop-deskloop"));
        Thread watchdog = Thread.ofPlatform().daemon().name("watchdog").start(() -> {
            try {
                // The wait for a quiet machine (--quiet-wait-seconds) does not count against the run's limit.
                Thread.sleep(Duration.ofSeconds(options.timeLimitSeconds + options.quietWaitSeconds));
                System.err.println("bench: time limit of " + options.timeLimitSeconds + " s reached; stopping Deskloop");
                bench.stopApp();
                System.exit(3);
            } catch (InterruptedException ignored) {
                // the run finished first
            }
        });
        int status;
        try {
            status = bench.run();
        } catch (Exception e) {
            System.err.println("bench: FAILED: " + e.getMessage());
            e.printStackTrace();
            AppUnderTest running = bench.app;
            if (running != null) {
                System.err.println("--- last lines of the app's console (" + running.console() + ") ---");
                System.err.println(running.tail(30));
            }
            status = 1;
        } finally {
            bench.stopApp();
            watchdog.interrupt();
        }
        System.exit(status);
    }

    private void stopApp() {
        AppUnderTest running = app;
        if (running != null) {
            running.close();
        }
    }

    private int run() throws Exception {
        runDir = options.workDir.resolve(options.db + "-" + LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path dataDir = runDir.resolve("data");
        Files.createDirectories(dataDir);
        header(runDir);

        CpuMeter idle = new CpuMeter(-1);
        CpuMeter.Usage before = quietCheck(idle);
        results.put("others_before_start_cores", String.format("%.2f", before.others()));

        String zendeskSecret = "bench-" + random(16);
        String intercomSecret = "bench-" + random(16);
        int port = AppUnderTest.freePort();
        String publicUrl = "http://127.0.0.1:" + port;
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults()
                .withHost("127.0.0.1")
                .withPort(0)
                .withRequestLogCapacity(REQUEST_LOG_CAPACITY)
                .withZendesk(ZendeskSettings.defaults()
                        .withClient("deskloop-bench", zendeskSecret)
                        .withRedirectUris(List.of(publicUrl + "/oauth/zendesk/callback"))
                        .withRateLimits(options.zendeskRequestsPerMinute, options.zendeskTicketUpdatesPerMinute))
                .withIntercom(IntercomSettings.defaults()
                        .withClient("deskloop-bench-intercom", intercomSecret)
                        .withRedirectUris(List.of(publicUrl + "/oauth/intercom/callback"))))) {
            out.printf("simulator: %s (Zendesk API limit set to %,d requests/min; Zendesk's own plans allow 200-2,500; "
                            + "ticket updates limited to %,d/min as Zendesk does; Intercom API limit %,d calls/min per app "
                            + "in 10-s windows, Intercom's own)%n",
                    simulator.baseUrl(), options.zendeskRequestsPerMinute, options.zendeskTicketUpdatesPerMinute,
                    simulator.intercom().settings().requestsPerMinute());
            try {
                runAgainst(simulator, runDir, dataDir, port, publicUrl, zendeskSecret, intercomSecret);
            } finally {
                // Before the simulator closes: the app may still be processing deliveries that fetch from it.
                stopApp();
            }
        }
        Map<String, Integer> errors = app.errors();
        out.printf("%napp console: %d ERROR lines%s%n", errors.values().stream().mapToInt(Integer::intValue).sum(),
                errors.isEmpty() ? "" : " (" + app.console() + "):");
        errors.forEach((message, count) -> out.printf("  %5d x %s%n", count, message));
        results.put("app_error_lines", Integer.toString(errors.values().stream().mapToInt(Integer::intValue).sum()));
        printSummary(runDir);
        return 0;
    }

    private void runAgainst(Simulator simulator, Path runDir, Path dataDir, int port, String publicUrl,
                            String zendeskSecret, String intercomSecret) throws Exception {
        // (b)'s tickets exist before Zendesk is connected, so creating them fires no trigger: the bench sends
        // their ticket.created deliveries itself, at the rate it chooses.
        int triageCount = (int) Math.round(options.triageRate * options.triageSeconds);
        List<ZendeskTicket> tickets = new ArrayList<>();
        for (int i = 0; i < triageCount; i++) {
            tickets.add(simulator.zendesk().createTicket(SUBDOMAIN, TicketTexts.ticket(i)));
        }
        out.printf("simulator: created %d tickets on %s for the triage latency phase%n", tickets.size(), SUBDOMAIN);
        // (c)'s bug tickets, likewise created before the connection exists.
        List<ZendeskTicket> burstTickets = new ArrayList<>();
        List<ZendeskTicket> steadyTickets = new ArrayList<>();
        if (options.phases.contains("c")) {
            int burst = (int) Math.round(options.notesBurstRate * options.notesBurstSeconds);
            int steady = (int) Math.round(options.notesRate * options.notesSeconds);
            for (int i = 0; i < burst + steady; i++) {
                ZendeskTicket t = simulator.zendesk().createTicket(SUBDOMAIN, TicketTexts.bug(i));
                (i < burst ? burstTickets : steadyTickets).add(t);
            }
            out.printf("simulator: created %d + %d bug tickets on %s for the webhook -> note phase%n", burst, steady,
                    SUBDOMAIN);
        }

        // (d)'s bug tickets, spread round-robin over several Zendesk accounts, likewise created before connecting.
        List<List<ZendeskTicket>> spreadTickets = new ArrayList<>();
        if (options.phases.contains("d")) {
            int total = (int) Math.round(options.spreadRate * options.spreadSeconds);
            for (int k = 0; k < options.spreadAccounts; k++) {
                spreadTickets.add(new ArrayList<>());
            }
            for (int i = 0; i < total; i++) {
                int k = i % options.spreadAccounts;
                spreadTickets.get(k).add(simulator.zendesk().createTicket(spreadSubdomain(k), TicketTexts.bug(i)));
            }
            out.printf("simulator: created %d bug tickets over %d accounts (%s-01 ...) for the spread webhook -> note "
                    + "phase%n", total, options.spreadAccounts, SUBDOMAIN);
        }

        // (e)'s conversations, started in the simulated Intercom workspace before the app exists; no webhook URL is set
        // in the simulated Developer Hub, so no notification fires for them: the bench sends them itself.
        List<IntercomConversation> conversations = new ArrayList<>();
        if (options.phases.contains("e")) {
            int total = (int) Math.round(options.intercomRate * options.intercomSeconds);
            for (int i = 0; i < total; i++) {
                conversations.add(simulator.intercom().createConversation(TicketTexts.bugConversation(i)));
            }
            out.printf("simulator: created %d bug-report conversations in the Intercom workspace %s for the Intercom "
                    + "webhook -> note phase%n", total, simulator.intercom().appId());
        }

        Map<String, String> env = new LinkedHashMap<>();
        env.put("DESKLOOP_DATA_DIR", dataDir.toString());
        env.put("DESKLOOP_PUBLIC_URL", publicUrl);
        env.put("DESKLOOP_ZENDESK_CLIENT_ID", "deskloop-bench");
        env.put("DESKLOOP_ZENDESK_CLIENT_SECRET", zendeskSecret);
        env.put("DESKLOOP_ZENDESK_BASE_URL", simulator.baseUrl() + "/zendesk/{subdomain}");
        env.put("DESKLOOP_INTERCOM_CLIENT_ID", "deskloop-bench-intercom");
        env.put("DESKLOOP_INTERCOM_CLIENT_SECRET", intercomSecret);
        env.put("DESKLOOP_INTERCOM_API_BASE_URL", simulator.baseUrl() + "/intercom/api");
        env.put("DESKLOOP_INTERCOM_APP_BASE_URL", simulator.baseUrl() + "/intercom/app");
        String jdbcUrl;
        String jdbcUser;
        String jdbcPassword;
        if (options.db.equals("postgres")) {
            jdbcUrl = options.jdbcUrl;
            jdbcUser = options.dbUser;
            jdbcPassword = options.dbPassword;
            env.put("DESKLOOP_DATABASE_URL", jdbcUrl);
            env.put("DESKLOOP_DATABASE_USER", jdbcUser);
            env.put("DESKLOOP_DATABASE_PASSWORD", jdbcPassword);
        } else {
            // The app's default H2 file in the data directory (application.yml), but with AUTO_SERVER=TRUE instead of
            // DB_CLOSE_ON_EXIT=FALSE (H2 refuses the two together): the default URL locks the file to the app's
            // process, and the bench must read the same database from its own. AUTO_SERVER only adds a TCP listener
            // for other processes; the app's own access stays embedded.
            jdbcUrl = "jdbc:h2:file:" + dataDir + "/deskloop;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
            jdbcUser = "sa";
            jdbcPassword = "";
            env.put("DESKLOOP_DATABASE_URL", jdbcUrl);
        }
        out.printf("database: %s%n", jdbcUrl);
        out.printf("app: %s %s -jar %s --server.address=127.0.0.1 %s%n", options.java,
                String.join(" ", options.appJvmOptions), options.appJar, String.join(" ", options.appArgs));

        long started = System.nanoTime();
        app = AppUnderTest.start(options.java, options.appJar, options.appJvmOptions, options.appArgs, env, runDir, port);
        String setupLink = app.awaitSetupLink(Duration.ofSeconds(150));
        out.printf("app: pid %d on %s, ready in %.1f s (console: %s)%n", app.pid(), app.baseUrl(),
                (System.nanoTime() - started) / 1e9, app.console());

        Browser browser = new Browser(app.baseUrl());
        UUID workspace = browser.setUpOwnerAndSignIn(setupLink, OWNER_EMAIL, "bench-" + random(12));
        browser.connectZendesk(workspace, SUBDOMAIN);
        List<ZendeskWebhook> webhooks = simulator.zendesk().webhooks(SUBDOMAIN);
        if (webhooks.size() != 1) {
            throw new IllegalStateException("expected one webhook registered on the simulator, found " + webhooks);
        }
        ZendeskWebhook webhook = webhooks.getFirst();
        String hookUrl = webhook.endpoint();
        if (!hookUrl.startsWith(app.baseUrl() + "/hooks/")) {
            throw new IllegalStateException("the webhook points at " + hookUrl + ", not at " + app.baseUrl());
        }
        UUID connectionId = UUID.fromString(hookUrl.substring(hookUrl.lastIndexOf('/') + 1));
        String secret = webhook.signingSecret();
        out.printf("app: owner signed in, Zendesk connected through the consent screen; webhook %s%n", hookUrl);
        List<SpreadAccount> spread = new ArrayList<>();
        for (int k = 0; k < spreadTickets.size(); k++) {
            String subdomain = spreadSubdomain(k);
            // One desk per workspace: each account gets a workspace of its own, as separate customers would.
            UUID own = browser.createWorkspace(workspace, "Bench account " + (k + 1));
            browser.connectZendesk(own, subdomain);
            ZendeskWebhook hook = simulator.zendesk().webhooks(subdomain).getFirst();
            spread.add(new SpreadAccount(subdomain, UUID.fromString(hook.endpoint().substring(
                    hook.endpoint().lastIndexOf('/') + 1)), hook.endpoint(), hook.signingSecret(), spreadTickets.get(k)));
        }
        if (!spread.isEmpty()) {
            out.printf("app: %d more Zendesk accounts connected, each in a workspace of its own%n", spread.size());
        }
        UUID intercomWorkspace = null;
        if (!conversations.isEmpty()) {
            // One desk per workspace: Intercom gets a workspace of its own.
            intercomWorkspace = browser.createWorkspace(workspace, "Bench Intercom");
            browser.connectIntercom(intercomWorkspace);
        }

        try (AppDatabase db = new AppDatabase(jdbcUrl, jdbcUser, jdbcPassword)) {
            String status = db.connectionStatus(connectionId);
            if (!"connected".equals(status)) {
                throw new IllegalStateException("the connection is " + status + ", not connected");
            }
            IntercomAccount intercom = null;
            if (intercomWorkspace != null) {
                UUID intercomConnection = db.connectedConnection(intercomWorkspace, "intercom");
                if (intercomConnection == null) {
                    throw new IllegalStateException("no connected Intercom connection in workspace " + intercomWorkspace);
                }
                intercom = new IntercomAccount(intercomConnection, app.baseUrl() + "/hooks/intercom",
                        simulator.intercom().appId(), intercomSecret, conversations);
                out.printf("app: Intercom workspace %s connected through the consent screen in a workspace of its own "
                        + "(connection %s); notifications go to %s%n", intercom.appId(), intercomConnection,
                        intercom.hookUrl());
            }
            Load load = new Load(hookUrl);
            CpuMeter cpu = new CpuMeter(app.pid());
            try {
                measure(load, db, cpu, connectionId, secret, tickets, simulator, burstTickets, steadyTickets, spread,
                        intercom);
            } finally {
                load.close();
            }
        }
    }

    private void measure(Load load, AppDatabase db, CpuMeter cpu, UUID connectionId, String secret,
                         List<ZendeskTicket> tickets, Simulator simulator, List<ZendeskTicket> burstTickets,
                         List<ZendeskTicket> steadyTickets, List<SpreadAccount> spread, IntercomAccount intercom)
            throws Exception {
        long expectedRows = 0;

        // Warm-up: JIT, connection pools, Tomcat threads. Not measured.
        section("warm-up: " + options.warmup + " deliveries, " + options.senders + " senders (not measured)");
        List<Load.Delivery> warm = Load.prepare(secret, 8_000_000_000L, options.warmup, options.duplicateEvery,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Load.Result warmResult = load.maxRate(warm, options.senders, Duration.ofSeconds(30));
        expectedRows += warmResult.distinctSent();
        out.printf("  %d sent in %.1f s, %d errors%n", warmResult.sent, warmResult.seconds(), warmResult.errorCount());
        drain(db, cpu, connectionId, "warm-up");

        if (options.phases.contains("c")) {
            // (c) webhook in -> internal note in the ticket. Before (b): (b)'s bug tickets also get notes, and those
            // would queue in front of (c)'s behind Deskloop's pacing of 90 writes a minute per connection.
            if (!burstTickets.isEmpty()) {
                expectedRows += notes(load, db, cpu, simulator, connectionId, secret, burstTickets,
                        options.notesBurstRate, options.notesBurstSeconds, "burst");
            }
            if (!steadyTickets.isEmpty()) {
                if (!burstTickets.isEmpty()) {
                    awaitUpdateRoom(simulator, (int) Math.ceil(Math.min(60, options.notesSeconds) * options.notesRate));
                }
                expectedRows += notes(load, db, cpu, simulator, connectionId, secret, steadyTickets, options.notesRate,
                        options.notesSeconds, "steady");
            }
            List<RecordedRequest> updates = simulator.requests().matching(WebhookBench::isTicketUpdate);
            long refused = updates.stream().filter(r -> r.status() == 429).count();
            out.printf("%n  (c) overall: %d ticket updates (PUT) reached the simulator, %d answered 429; at most %d "
                            + "accepted in any 60 s (Zendesk's limit: %d); outbox %s; %d rows were held by Deskloop's "
                            + "pacing, %d waited after a 429%n", updates.size(), refused, maxPerMinute(updates),
                    options.zendeskTicketUpdatesPerMinute, db.outboxByStatus(connectionId),
                    db.outboxWithErrorPrefix(connectionId, "paced"), db.outboxWithErrorPrefix(connectionId, "rate limited"));
            drain(db, cpu, connectionId, "(c)");
        }

        if (!spread.isEmpty()) {
            spreadNotes(db, cpu, simulator, spread);
        }

        if (intercom != null) {
            intercomNotes(db, cpu, simulator, intercom);
        }

        if (options.phases.contains("b")) {
            // (b) webhook in -> triage stored at a fixed, low rate.
            section(String.format("(b) webhook in -> triage stored: %d ticket.created deliveries at %.0f/s",
                    tickets.size(), options.triageRate));
            String secretForB = secret;
            List<Load.Delivery> triage = tickets.stream()
                    .map(t -> Load.signed(secretForB, t.id(), Load.body("ticket.created", t.id(), t.updatedAt())))
                    .toList();
            CpuMeter.Sample b0 = cpu.sample();
            Load.Result bResult = load.fixedRate(triage, options.triageRate, Duration.ofSeconds((long) options.triageSeconds + 5));
            expectedRows += bResult.distinctSent();
            long deadline = System.nanoTime() + Duration.ofSeconds(options.drainSeconds).toNanos();
            // Only (b)'s own tickets count: (c)'s tickets of the same connection were triaged before.
            Map<String, Long> stored = db.firstTriageStored(connectionId);
            long triaged;
            while ((triaged = triagedAmong(stored, triage, bResult.sent)) < bResult.sent && System.nanoTime() < deadline) {
                Thread.sleep(250);
                stored = db.firstTriageStored(connectionId);
            }
            CpuMeter.Usage bCpu = cpu.between(b0, cpu.sample());
            long[] endToEnd = new long[bResult.sent];
            for (int i = 0; i < bResult.sent; i++) {
                Long at = stored.get(Long.toString(triage.get(i).ticketId()));
                endToEnd[i] = at == null ? -1 : (at - bResult.sentAtEpochMicros[i]) * 1_000;
            }
            Load.Stats e2e = Load.Stats.of(endToEnd);
            Load.Stats bAck = bResult.latencyStats();
            out.printf("  sent %d at %.1f/s; acknowledged %d (errors %d: %s); ack latency %s%n", bResult.sent,
                    bResult.sent / bResult.seconds(), bResult.received.sum() + bResult.duplicate.sum(), bResult.errorCount(),
                    bResult.errors.keySet(), bAck.describe());
            out.printf("  triage stored for %d of %d tickets; webhook in -> triage stored %s%n", triaged, bResult.sent,
                    e2e.describe());
            out.printf("  %s%n", bCpu.describe());
            boolean bMet = triaged == bResult.sent && bResult.errorCount() == 0 && e2e.p95Ms() < 1000;
            verdict("(b) webhook->triage p95 at " + fmtRate(options.triageRate) + "/s", "< 1000 ms", e2e.p95Ms(), bMet,
                    String.format("p50 %s ms, p95 %s ms, max %s ms, %d/%d triaged", Load.Stats.f(e2e.p50Ms()),
                            Load.Stats.f(e2e.p95Ms()), Load.Stats.f(e2e.maxMs()), triaged, bResult.sent), bCpu);
            results.put("b_p50_ms", Load.Stats.f(e2e.p50Ms()));
            results.put("b_p95_ms", Load.Stats.f(e2e.p95Ms()));
            drain(db, cpu, connectionId, "(b)");
        }

        if (options.phases.contains("fixed")) {
            // (a) fixed rate.
            int fixedCount = (int) Math.round(options.rate * options.fixedSeconds);
            section(String.format("(a) fixed rate: %,d deliveries at %.0f/s (every %dth a duplicate)", fixedCount,
                    options.rate, options.duplicateEvery));
            List<Load.Delivery> fixed = Load.prepare(secret, 1_000_000_000L, fixedCount, options.duplicateEvery,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS));
            long rowsBefore = db.inboxRows(connectionId);
            CpuMeter.Sample a0 = cpu.sample();
            Load.Result fixedResult = load.fixedRate(fixed, options.rate, Duration.ofSeconds((long) options.fixedSeconds + 5));
            CpuMeter.Usage aCpu = cpu.between(a0, cpu.sample());
            expectedRows += fixedResult.distinctSent();
            boolean fixedCounts = report(db, connectionId, fixedResult, rowsBefore, "fixed");
            Load.Stats fixedLatency = fixedResult.latencyStats();
            out.printf("  ack latency from the intended send time: %s%n", fixedLatency.describe());
            out.printf("  ack latency from the actual send time:   %s%n", fixedResult.serviceStats().describe());
            if (fixedResult.generatorWaited.sum() > 0) {
                out.printf("  the generator waited %d times for one of %d in-flight requests to finish%n",
                        fixedResult.generatorWaited.sum(), 2_000);
            }
            out.printf("  %s%n", aCpu.describe());
            double achieved = fixedResult.throughput();
            boolean fixedMet = fixedCounts && fixedResult.errorCount() == 0 && fixedLatency.p99Ms() < 50
                    && achieved >= options.rate * 0.98;
            verdict("(a) ack p99 at " + fmtRate(options.rate) + "/s", "< 50 ms", fixedLatency.p99Ms(), fixedMet,
                    String.format("%.0f/s achieved, p50 %s ms, p99 %s ms, %d errors, inbox %s", achieved,
                            Load.Stats.f(fixedLatency.p50Ms()), Load.Stats.f(fixedLatency.p99Ms()), fixedResult.errorCount(),
                            fixedCounts ? "= distinct" : "MISMATCH"), aCpu);
            results.put("a_fixed_rate_per_s", String.format("%.0f", achieved));
            results.put("a_fixed_p50_ms", Load.Stats.f(fixedLatency.p50Ms()));
            results.put("a_fixed_p99_ms", Load.Stats.f(fixedLatency.p99Ms()));
            drain(db, cpu, connectionId, "(a) fixed rate");
        }

        if (options.phases.contains("max")) {
            // (a) maximum rate.
            section(String.format("(a) maximum rate: %d senders, at most %,d deliveries or %d s (every %dth a duplicate)",
                    options.senders, options.maxCount, options.maxSeconds, options.duplicateEvery));
            List<Load.Delivery> max = Load.prepare(secret, 2_000_000_000L, options.maxCount, options.duplicateEvery,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS));
            long rowsBefore = db.inboxRows(connectionId);
            CpuMeter.Sample m0 = cpu.sample();
            Load.Result maxResult = load.maxRate(max, options.senders, Duration.ofSeconds(options.maxSeconds));
            CpuMeter.Usage mCpu = cpu.between(m0, cpu.sample());
            expectedRows += maxResult.distinctSent();
            boolean maxCounts = report(db, connectionId, maxResult, rowsBefore, "max");
            Load.Stats maxLatency = maxResult.latencyStats();
            out.printf("  ack latency: %s%n", maxLatency.describe());
            out.printf("  generator: %,d TCP connections opened in the whole run so far (Tomcat closes one after 100 requests)%n",
                    load.connectionsOpened());
            out.printf("  %s%n", mCpu.describe());
            out.printf("  processing backlog when the phase ended: %,d deliveries (received, claimed or processing)%n",
                    db.backlog(connectionId));
            double maxRate = maxResult.throughput();
            boolean maxMet = maxCounts && maxResult.errorCount() == 0 && maxRate >= 2000;
            verdict("(a) max acknowledged/s", options.db.equals("postgres") ? ">= 2,000/s" : ">= 2,000/s (target is for PostgreSQL)",
                    maxRate, maxMet, String.format("%.0f/s, p50 %s ms, p99 %s ms, %d errors, inbox %s", maxRate,
                            Load.Stats.f(maxLatency.p50Ms()), Load.Stats.f(maxLatency.p99Ms()), maxResult.errorCount(),
                            maxCounts ? "= distinct" : "MISMATCH"), mCpu);
            results.put("a_max_rate_per_s", String.format("%.0f", maxRate));
            results.put("a_max_p50_ms", Load.Stats.f(maxLatency.p50Ms()));
            results.put("a_max_p99_ms", Load.Stats.f(maxLatency.p99Ms()));
        }

        long rows = db.inboxRows(connectionId);
        long distinctEvents = db.distinctInboxEvents(connectionId);
        out.printf("%ninbox: %,d rows, %,d distinct event ids, %,d distinct deliveries sent in the whole run: %s%n",
                rows, distinctEvents, expectedRows, rows == expectedRows && distinctEvents == rows ? "OK" : "MISMATCH");
        out.printf("inbox by status: %s%n", db.inboxByStatus(connectionId));
        if (options.db.equals("postgres")) {
            out.printf("PostgreSQL table statistics for the whole run (pg_stat_user_tables):%n%s", db.tableStatistics());
        }
        results.put("inbox_rows_equal_distinct", Boolean.toString(rows == expectedRows && distinctEvents == rows));
        out.printf("outbox (writes into tickets) at the end: %s; ticket updates answered 429 in the simulator's log: %d%n",
                db.outboxByStatus(connectionId),
                simulator.requests().matching(r -> isTicketUpdate(r) && r.status() == 429).size());
    }

    /**
     * Phase (c) for one set of bug tickets: sends their {@code ticket.created} deliveries at {@code rate}, waits until
     * each ticket holds an internal note written through the API (bounded by Deskloop's pacing: 90 writes a minute),
     * and reports, per ticket, the time from the delivery's send to the note's creation in the simulator. Returns
     * the number of distinct deliveries sent.
     */
    private long notes(Load load, AppDatabase db, CpuMeter cpu, Simulator simulator, UUID connectionId, String secret,
                       List<ZendeskTicket> tickets, double rate, double seconds, String name) throws Exception {
        section(String.format("(c) webhook in -> internal note in the ticket, %s: %d bug tickets at %s/s for %s s",
                name, tickets.size(), fmtRate(rate), fmtRate(seconds)));
        List<Load.Delivery> deliveries = tickets.stream()
                .map(t -> Load.signed(secret, t.id(), Load.body("ticket.created", t.id(), t.updatedAt())))
                .toList();
        long outboxBefore = db.outboxByStatus(connectionId).values().stream().mapToLong(Long::longValue).sum();
        CpuMeter.Sample c0 = cpu.sample();
        Load.Result sent = load.fixedRate(deliveries, rate, Duration.ofSeconds((long) seconds + 5));
        // Every write beyond 90 in a minute waits for the next minute: allow one minute per 90 notes, plus slack.
        int minutes = (int) Math.ceil(sent.sent / 90.0);
        Map<Long, Instant> noted = awaitNotes(tickets.subList(0, sent.sent).stream().map(ZendeskTicket::id).toList(),
                Duration.ofSeconds(30 + 60L * minutes), id -> firstInternalNote(simulator, id));
        CpuMeter.Usage cCpu = cpu.between(c0, cpu.sample());
        Map<String, AppDatabase.FirstTriage> triages = db.firstTriages(connectionId);
        NoteTimes times = NoteTimes.of(tickets.subList(0, sent.sent).stream().map(ZendeskTicket::id).toList(),
                sent.sentAtEpochMicros, triages, noted, "ticket", runDir.resolve("notes-" + name + ".csv"));
        Load.Stats e2e = Load.Stats.of(times.toNote());
        List<RecordedRequest> updates = simulator.requests().matching(WebhookBench::isTicketUpdate);
        long refused = updates.stream().filter(r -> r.status() == 429).count();
        Map<String, Long> outbox = db.outboxByStatus(connectionId);
        long outboxRows = outbox.values().stream().mapToLong(Long::longValue).sum() - outboxBefore;
        long dead = outbox.getOrDefault("dead", 0L);
        out.printf("  sent %d at %.1f/s; acknowledged %d (errors %d: %s); ack latency %s%n", sent.sent,
                sent.sent / sent.seconds(), sent.received.sum() + sent.duplicate.sum(), sent.errorCount(),
                sent.errors.keySet(), sent.latencyStats().describe());
        out.printf("  triaged as a bug: %d of %d; internal note present for %d of %d tickets (per ticket: notes-%s.csv)%n",
                times.bugs(), sent.sent, noted.size(), sent.sent, name);
        out.printf("  webhook in -> triage stored: %s%n", Load.Stats.of(times.toTriage()).describe());
        out.printf("  triage stored -> note created: %s%n", Load.Stats.of(times.triageToNote()).describe());
        out.printf("  webhook in -> internal note created in the ticket: %s%n", e2e.describe());
        out.printf("  outbox: %d rows added in this phase; all rows by status %s; ticket updates answered 429 so far: %d; "
                        + "at most %d accepted in any 60 s%n", outboxRows, outbox, refused, maxPerMinute(updates));
        out.printf("  %s%n", cCpu.describe());
        boolean met = noted.size() == sent.sent && sent.errorCount() == 0 && refused == 0 && dead == 0
                && e2e.p95Ms() < 2000;
        verdict("(c) webhook->note p95 at " + fmtRate(rate) + "/s (" + name + ")", "< 2000 ms", e2e.p95Ms(), met,
                String.format("p50 %s ms, p95 %s ms, max %s ms, %d/%d notes, %d 429s, %d dead", Load.Stats.f(e2e.p50Ms()),
                        Load.Stats.f(e2e.p95Ms()), Load.Stats.f(e2e.maxMs()), noted.size(), sent.sent, refused, dead), cCpu);
        results.put("c_" + name + "_p50_ms", Load.Stats.f(e2e.p50Ms()));
        results.put("c_" + name + "_p95_ms", Load.Stats.f(e2e.p95Ms()));
        results.put("c_" + name + "_notes", noted.size() + "/" + sent.sent);
        results.put("c_" + name + "_429", Long.toString(refused));
        return sent.distinctSent();
    }

    /** A Zendesk account of phase (d): its connection, webhook and bug tickets. */
    private record SpreadAccount(String subdomain, UUID connectionId, String hookUrl, String secret,
                                 List<ZendeskTicket> tickets) {
    }

    private static String spreadSubdomain(int k) {
        return String.format("%s-%02d", SUBDOMAIN, k + 1);
    }

    /**
     * Phase (d): webhook in -> internal note at {@code --spread-rate} tickets/s in total, the tickets spread round-robin
     * over {@code --spread-accounts} Zendesk accounts (each below Zendesk's 100 ticket updates a minute), so that the
     * figure measures Deskloop rather than one account's limit. Each account's deliveries are an open loop at its
     * share of the rate, the loops offset so that the total arrives evenly. Checks each account's inbox holds one row
     * per delivery sent.
     */
    private void spreadNotes(AppDatabase db, CpuMeter cpu, Simulator simulator, List<SpreadAccount> accounts)
            throws Exception {
        int n = accounts.size();
        int total = accounts.stream().mapToInt(a -> a.tickets().size()).sum();
        double perAccount = options.spreadRate / n;
        section(String.format("(d) webhook in -> internal note, %d bug tickets at %s/s spread over %d Zendesk accounts "
                + "(%.2f/s = %.0f a minute each)", total, fmtRate(options.spreadRate), n, perAccount, perAccount * 60));
        List<Load> loads = new ArrayList<>();
        List<List<Load.Delivery>> deliveries = new ArrayList<>();
        for (SpreadAccount account : accounts) {
            loads.add(new Load(account.hookUrl()));
            deliveries.add(account.tickets().stream().map(t -> Load.signed(account.secret(), t.id(),
                    Load.body("ticket.created", t.id(), t.updatedAt()))).toList());
        }
        CpuMeter.Sample d0 = cpu.sample();
        List<Load.Result> sent = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Load.Result>> futures = new ArrayList<>();
            long offsetNanos = Math.round(1e9 / options.spreadRate);
            for (int k = 0; k < n; k++) {
                int index = k;
                futures.add(pool.submit(() -> {
                    java.util.concurrent.locks.LockSupport.parkNanos(index * offsetNanos);
                    return loads.get(index).fixedRate(deliveries.get(index), perAccount,
                            Duration.ofSeconds((long) options.spreadSeconds + 5));
                }));
            }
            for (var future : futures) {
                sent.add(future.get());
            }
        } finally {
            loads.forEach(Load::close);
        }
        int maxPerAccount = sent.stream().mapToInt(r -> r.sent).max().orElse(0);
        int sentTotal = sent.stream().mapToInt(r -> r.sent).sum();
        List<SpreadTicket> sentTickets = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < sent.get(k).sent; i++) {
                sentTickets.add(new SpreadTicket(accounts.get(k).subdomain(), accounts.get(k).tickets().get(i).id()));
            }
        }
        Map<SpreadTicket, Instant> noted = awaitNotes(sentTickets, Duration.ofSeconds(30 + 60L * (maxPerAccount / 90)),
                t -> firstInternalNote(simulator, t.subdomain(), t.id()));
        CpuMeter.Usage dCpu = cpu.between(d0, cpu.sample());
        long[] toNote = new long[sentTotal];
        long[] toTriage = new long[sentTotal];
        List<Long> ack = new ArrayList<>();
        int at = 0;
        int notes = noted.size();
        long dead = 0;
        long distinct = 0;
        long inboxRows = 0;
        long errors = 0;
        int worstMinute = 0;
        StringBuilder csv = new StringBuilder("account,ticket,sent_at,triage_stored_ms,note_created_ms\n");
        for (int k = 0; k < n; k++) {
            SpreadAccount account = accounts.get(k);
            Load.Result r = sent.get(k);
            Map<String, AppDatabase.FirstTriage> triages = db.firstTriages(account.connectionId());
            for (int i = 0; i < r.sent; i++, at++) {
                long id = account.tickets().get(i).id();
                long sentAt = r.sentAtEpochMicros[i];
                Instant note = noted.get(new SpreadTicket(account.subdomain(), id));
                AppDatabase.FirstTriage triage = triages.get(Long.toString(id));
                toNote[at] = note == null ? -1 : (NoteTimes.micros(note) - sentAt) * 1_000;
                toTriage[at] = triage == null ? -1 : (triage.storedAtMicros() - sentAt) * 1_000;
                ack.add(r.latency[i]);
                csv.append(String.format(java.util.Locale.ROOT, "%s,%d,%d,%.1f,%.1f%n", account.subdomain(), id, sentAt,
                        toTriage[at] / 1e6, toNote[at] / 1e6));
            }
            dead += db.outboxByStatus(account.connectionId()).getOrDefault("dead", 0L);
            distinct += r.distinctSent();
            inboxRows += db.inboxRows(account.connectionId());
            errors += r.errorCount();
            String prefix = "/zendesk/" + account.subdomain() + "/";
            worstMinute = Math.max(worstMinute, maxPerMinute(simulator.requests()
                    .matching(req -> isTicketUpdate(req) && req.path().startsWith(prefix))));
        }
        Files.writeString(runDir.resolve("notes-spread.csv"), csv.toString(), StandardCharsets.UTF_8);
        long refused = simulator.requests().matching(r -> isTicketUpdate(r) && r.status() == 429
                && r.path().contains("/zendesk/" + SUBDOMAIN + "-")).size();
        Load.Stats e2e = Load.Stats.of(toNote);
        out.printf("  sent %d at %.1f/s in total; errors %d; ack latency %s%n", sentTotal,
                sentTotal / sent.stream().mapToDouble(Load.Result::seconds).max().orElse(1), errors,
                Load.Stats.of(ack.stream().mapToLong(Long::longValue).toArray()).describe());
        out.printf("  inbox rows of the %d accounts: %d; distinct deliveries sent: %d: %s%n", n, inboxRows, distinct,
                inboxRows == distinct ? "OK" : "MISMATCH");
        out.printf("  internal note present for %d of %d tickets (per ticket: notes-spread.csv)%n", notes, sentTotal);
        out.printf("  webhook in -> triage stored: %s%n", Load.Stats.of(toTriage).describe());
        out.printf("  webhook in -> internal note created in the ticket: %s%n", e2e.describe());
        out.printf("  ticket updates answered 429: %d; most accepted in any 60 s by one account: %d (limit %d); "
                + "dead writes: %d%n", refused, worstMinute, options.zendeskTicketUpdatesPerMinute, dead);
        out.printf("  %s%n", dCpu.describe());
        boolean met = notes == sentTotal && errors == 0 && refused == 0 && dead == 0 && inboxRows == distinct
                && e2e.p95Ms() < 2000;
        verdict("(d) webhook->note p95 at " + fmtRate(options.spreadRate) + "/s over " + n + " accounts", "< 2000 ms",
                e2e.p95Ms(), met, String.format("p50 %s ms, p95 %s ms, max %s ms, %d/%d notes, %d 429s, %d dead",
                        Load.Stats.f(e2e.p50Ms()), Load.Stats.f(e2e.p95Ms()), Load.Stats.f(e2e.maxMs()), notes,
                        sentTotal, refused, dead), dCpu);
        results.put("d_spread_p50_ms", Load.Stats.f(e2e.p50Ms()));
        results.put("d_spread_p95_ms", Load.Stats.f(e2e.p95Ms()));
        results.put("d_spread_notes", notes + "/" + sentTotal);
        results.put("d_spread_429", Long.toString(refused));
    }

    /** The Intercom workspace of phase (e): its connection, where notifications go and the key that signs them. */
    private record IntercomAccount(UUID connectionId, String hookUrl, String appId, String clientSecret,
                                   List<IntercomConversation> conversations) {
    }

    /**
     * Phase (e): webhook in -> internal note in the conversation, for Intercom. Sends the conversations'
     * {@code conversation.user.created} notifications to {@code /hooks/intercom}, open loop at {@code --intercom-rate},
     * signed as Intercom signs them; waits until each conversation holds an admin note written through the API, and
     * reports, per conversation, the time from the notification's send to the triage stored and to the note's
     * creation in the simulator. The simulator keeps Intercom's own limit (10,000 calls a minute per app, counted in
     * 10-second windows); Deskloop paces its Intercom writes at 1,000 in any 10 s over all its Intercom connections.
     */
    private void intercomNotes(AppDatabase db, CpuMeter cpu, Simulator simulator, IntercomAccount account)
            throws Exception {
        List<IntercomConversation> conversations = account.conversations();
        int perMinute = simulator.intercom().settings().requestsPerMinute();
        section(String.format("(e) webhook in -> internal note in the conversation, Intercom: %d bug-report "
                        + "conversations at %s/s for %s s (simulator's Intercom limit: %,d calls a minute per app, %,d per "
                        + "10 s)", conversations.size(), fmtRate(options.intercomRate), fmtRate(options.intercomSeconds),
                perMinute, Math.max(1, perMinute / 6)));
        List<Load.Delivery> deliveries = conversations.stream()
                .map(c -> Load.intercomCreated(account.clientSecret(), account.appId(), c))
                .toList();
        UUID connectionId = account.connectionId();
        long rowsBefore = db.inboxRows(connectionId);
        Instant phaseStart = Instant.now();
        CpuMeter.Sample e0 = cpu.sample();
        Load load = new Load(account.hookUrl(), Load.Provider.INTERCOM);
        Load.Result sent;
        try {
            sent = load.fixedRate(deliveries, options.intercomRate,
                    Duration.ofSeconds((long) options.intercomSeconds + 5));
        } finally {
            load.close();
        }
        // Deskloop sends at most 1,000 Intercom writes in any 10 s: allow 10 s per 1,000 notes, plus slack.
        Map<String, Instant> noted = awaitNotes(
                conversations.subList(0, sent.sent).stream().map(IntercomConversation::id).toList(),
                Duration.ofSeconds(30 + 10L * (sent.sent / 1_000)), id -> firstIntercomNote(simulator, id));
        CpuMeter.Usage eCpu = cpu.between(e0, cpu.sample());
        Map<String, AppDatabase.FirstTriage> triages = db.firstTriages(connectionId);
        NoteTimes times = NoteTimes.of(conversations.subList(0, sent.sent).stream().map(IntercomConversation::id)
                .toList(), sent.sentAtEpochMicros, triages, noted, "conversation", runDir.resolve("notes-intercom.csv"));
        Load.Stats e2e = Load.Stats.of(times.toNote());
        Load.Stats triageStats = Load.Stats.of(times.toTriage());
        List<RecordedRequest> calls = simulator.requests().matching(r -> r.provider().equals("intercom")
                && r.path().startsWith("/intercom/api/") && !r.at().isBefore(phaseStart));
        long refused = calls.stream().filter(r -> r.status() == 429).count();
        long replies = calls.stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/reply")).count();
        Map<String, Long> outbox = db.outboxByStatus(connectionId);
        long dead = outbox.getOrDefault("dead", 0L);
        long rows = db.inboxRows(connectionId) - rowsBefore;
        long distinct = sent.distinctSent();
        boolean rowsOk = rows == distinct;
        boolean answersOk = sent.errorCount() == 0 && sent.received.sum() == distinct;
        out.printf("  sent %d at %.1f/s; answers: %d received, %d duplicate, %d errors %s: %s; ack latency %s%n",
                sent.sent, sent.sent / sent.seconds(), sent.received.sum(), sent.duplicate.sum(), sent.errorCount(),
                sent.errors.isEmpty() ? "" : sent.errors.keySet(), answersOk ? "OK" : "NOT OK",
                sent.latencyStats().describe());
        out.printf("  inbox rows of the Intercom connection: %d; distinct deliveries sent: %d: %s%n", rows, distinct,
                rowsOk ? "OK" : "MISMATCH");
        out.printf("  triaged as a bug: %d of %d; internal note present for %d of %d conversations (per conversation: "
                + "notes-intercom.csv)%n", times.bugs(), sent.sent, noted.size(), sent.sent);
        out.printf("  webhook in -> triage stored: %s%n", triageStats.describe());
        out.printf("  triage stored -> note created: %s%n", Load.Stats.of(times.triageToNote()).describe());
        out.printf("  webhook in -> internal note created in the conversation: %s%n", e2e.describe());
        out.printf("  Intercom API calls in this phase: %d (%d note/reply POSTs), %d answered 429; at most %d accepted in "
                        + "any 10 s (limit %,d); outbox %s%n", calls.size(), replies, refused,
                maxWithin(calls, Duration.ofSeconds(10)), Math.max(1, perMinute / 6), outbox);
        out.printf("  %s%n", eCpu.describe());
        boolean met = noted.size() == sent.sent && answersOk && rowsOk && refused == 0 && dead == 0
                && e2e.p95Ms() < 2000;
        verdict("(e) Intercom webhook->note p95 at " + fmtRate(options.intercomRate) + "/s", "< 2000 ms", e2e.p95Ms(),
                met, String.format("p50 %s ms, p95 %s ms, max %s ms, %d/%d notes, %d 429s, %d dead, inbox %s",
                        Load.Stats.f(e2e.p50Ms()), Load.Stats.f(e2e.p95Ms()), Load.Stats.f(e2e.maxMs()), noted.size(),
                        sent.sent, refused, dead, rowsOk ? "= distinct" : "MISMATCH"), eCpu);
        results.put("e_intercom_p50_ms", Load.Stats.f(e2e.p50Ms()));
        results.put("e_intercom_p95_ms", Load.Stats.f(e2e.p95Ms()));
        results.put("e_intercom_max_ms", Load.Stats.f(e2e.maxMs()));
        results.put("e_intercom_triage_p50_ms", Load.Stats.f(triageStats.p50Ms()));
        results.put("e_intercom_triage_p95_ms", Load.Stats.f(triageStats.p95Ms()));
        results.put("e_intercom_notes", noted.size() + "/" + sent.sent);
        results.put("e_intercom_429", Long.toString(refused));
        results.put("e_intercom_dead", Long.toString(dead));
        results.put("e_intercom_inbox_equal_distinct", Boolean.toString(rowsOk));
        drain(db, cpu, connectionId, "(e)");
    }

    /** When the conversation's first admin note written through the API was created in the simulator, if it exists. */
    private static java.util.Optional<Instant> firstIntercomNote(Simulator simulator, String conversationId) {
        return simulator.intercom().conversation(conversationId).flatMap(c -> c.writtenThroughApi().stream()
                .filter(p -> p.isNote() && "admin".equals(p.authorType())).map(IntercomPart::createdAt).findFirst());
    }

    /** A bug ticket of phase (d): its account's subdomain and its id there. */
    private record SpreadTicket(String subdomain, long id) {
    }

    /**
     * Polls every 100 ms, for at most {@code wait}, until each ticket has its first internal note; returns when each
     * note was created (tickets without one are missing from the map).
     */
    private static <K> Map<K, Instant> awaitNotes(List<K> tickets, Duration wait,
                                                  java.util.function.Function<K, java.util.Optional<Instant>> firstNote)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Map<K, Instant> noted = new LinkedHashMap<>();
        while (noted.size() < tickets.size() && System.nanoTime() < deadline) {
            for (K ticket : tickets) {
                if (!noted.containsKey(ticket)) {
                    firstNote.apply(ticket).ifPresent(at -> noted.put(ticket, at));
                }
            }
            if (noted.size() < tickets.size()) {
                Thread.sleep(100);
            }
        }
        return noted;
    }

    /** How many of the first {@code sent} deliveries' tickets have a stored triage. */
    private static long triagedAmong(Map<String, Long> stored, List<Load.Delivery> deliveries, int sent) {
        return deliveries.subList(0, sent).stream().filter(d -> stored.containsKey(Long.toString(d.ticketId()))).count();
    }

    /** When the ticket's first internal note written through the API was created in the simulator, if it exists. */
    private static java.util.Optional<Instant> firstInternalNote(Simulator simulator, long ticketId) {
        return firstInternalNote(simulator, SUBDOMAIN, ticketId);
    }

    private static java.util.Optional<Instant> firstInternalNote(Simulator simulator, String subdomain, long ticketId) {
        return simulator.zendesk().ticket(subdomain, ticketId).flatMap(t -> t.comments().stream()
                .filter(c -> !c.isPublic() && c.throughApi()).map(ZendeskComment::createdAt).findFirst());
    }

    private static boolean isTicketUpdate(RecordedRequest r) {
        return r.method().equals("PUT") && r.provider().equals("zendesk") && TICKET_UPDATE.matcher(r.path()).matches();
    }

    /** The most ticket updates the simulator accepted within any 60 s. */
    private static int maxPerMinute(List<RecordedRequest> updates) {
        return maxWithin(updates, Duration.ofSeconds(60));
    }

    /** The most of these requests the simulator accepted within any {@code window}. */
    private static int maxWithin(List<RecordedRequest> requests, Duration window) {
        List<Instant> at = requests.stream().filter(r -> r.status() < 300).map(RecordedRequest::at).sorted().toList();
        int best = 0;
        int from = 0;
        for (int to = 0; to < at.size(); to++) {
            while (at.get(from).isBefore(at.get(to).minus(window))) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }

    /**
     * Waits (at most 65 s) until the ticket updates accepted in the last minute leave room for {@code needed} more
     * under Deskloop's 90 a minute, so that a steady phase after a burst is not paced by the burst's writes.
     */
    private void awaitUpdateRoom(Simulator simulator, int needed) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(65).toNanos();
        long recent;
        do {
            Instant since = Instant.now().minusSeconds(60);
            recent = simulator.requests().matching(r -> isTicketUpdate(r) && r.status() < 300 && r.at().isAfter(since))
                    .size();
            if (recent + needed <= 90) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        out.printf("%n  waited %.0f s for the burst's writes to leave Deskloop's rolling minute (%d in the last 60 s)%n",
                (System.nanoTime() - start) / 1e9, recent);
    }

    /**
     * Prints what a run sent and got. Returns whether the inbox gained exactly one row per distinct delivery sent;
     * answers that were not 200 "received"/"duplicate" are counted as errors and judged separately.
     */
    private boolean report(AppDatabase db, UUID connectionId, Load.Result r, long rowsBefore, String name)
            throws SQLException, IOException {
        Files.writeString(runDir.resolve("per-second-" + name + ".csv"), r.perSecondCsv(), StandardCharsets.UTF_8);
        long rows = db.inboxRows(connectionId) - rowsBefore;
        long distinct = r.distinctSent();
        boolean rowsOk = rows == distinct;
        boolean answersOk = r.errorCount() == 0 && r.received.sum() == distinct && r.duplicate.sum() == r.duplicatesSent();
        out.printf("  sent %,d (%,d distinct + %,d duplicates) in %.1f s: %.0f acknowledged/s%n", r.sent, distinct,
                r.duplicatesSent(), r.seconds(), r.throughput());
        out.printf("  answers: %,d received, %,d duplicate, %,d errors %s: %s%n", r.received.sum(), r.duplicate.sum(),
                r.errorCount(), r.errors.isEmpty() ? "" : r.errors, answersOk ? "OK"
                        : "NOT OK (expected " + distinct + " received and " + r.duplicatesSent() + " duplicate)");
        out.printf("  inbox rows added: %,d; distinct deliveries sent: %,d: %s (per second: per-second-%s.csv)%n", rows,
                distinct, rowsOk ? "OK" : "MISMATCH", name);
        return rowsOk;
    }

    /** Waits (bounded) until the app has processed every stored delivery; prints the processing rate. */
    private void drain(AppDatabase db, CpuMeter cpu, UUID connectionId, String after) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(options.drainSeconds).toNanos();
        long first = db.backlog(connectionId);
        if (first == 0) {
            out.printf("  processing after %s: nothing left to process%n", after);
            return;
        }
        CpuMeter.Sample s0 = cpu.sample();
        long backlog = first;
        while (backlog > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            backlog = db.backlog(connectionId);
            if (backlog == first && System.nanoTime() - start > 5_000_000_000L) {
                out.printf("  processing after %s: nothing processed in 5 s (job queue stopped?); not waiting%n", after);
                return;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("  processing after %s: %,d deliveries waiting; %,d processed in %.1f s (%.0f/s)%s%n", after, first,
                first - backlog, seconds, (first - backlog) / seconds,
                backlog > 0 ? String.format("; %,d still waiting when the drain limit of %d s was reached", backlog,
                        options.drainSeconds) : "");
        out.printf("  %s%n", cpu.between(s0, cpu.sample()).describe());
    }

    private void verdict(String what, String target, double value, boolean met, String detail, CpuMeter.Usage cpu) {
        String line = String.format("%-40s %-22s %-8s %s; other processes used %.2f cores", what, "target " + target,
                met ? "MET" : "NOT MET", detail, cpu.others());
        summary.add(line);
        out.println("  => " + line);
    }

    private CpuMeter.Usage quietCheck(CpuMeter meter) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(options.quietWaitSeconds).toNanos();
        CpuMeter.Usage usage;
        do {
            CpuMeter.Sample a = meter.sample();
            Thread.sleep(3_000);
            usage = meter.between(a, meter.sample());
        } while (usage.others() + usage.postgres() > 0.3 && System.nanoTime() < deadline);
        out.printf("machine before start: load average %s; other processes used %.2f cores (postgres %.2f) over 3 s%s%n",
                CpuMeter.loadAverage(), usage.others(), usage.postgres(),
                usage.others() > 0.3 ? "  -- WARNING: the machine is busy, figures will be low and noisy" : "");
        return usage;
    }

    private void header(Path runDir) {
        out.println("=".repeat(100));
        out.printf("Deskloop webhook benchmark, %s, %s%n", options.db.equals("postgres") ? "PostgreSQL" : "H2",
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        out.printf("machine: %d cores, %s; bench JVM %s; run directory %s%n",
                Runtime.getRuntime().availableProcessors(), memory(), Runtime.version(), runDir);
        out.println("=".repeat(100));
    }

    private void section(String title) {
        out.printf("%n%s   [load average %s]%n", title, CpuMeter.loadAverage());
    }

    private void printSummary(Path runDir) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%nSUMMARY (%s, load average now %s)%n", options.db, CpuMeter.loadAverage()));
        summary.forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("RESULT db=").append(options.db);
        results.forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        text.append('\n');
        out.print(text);
        Files.writeString(runDir.resolve("summary.txt"), text.toString(), StandardCharsets.UTF_8);
    }

    private static String fmtRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format("%.0f GiB memory", kb / 1024d / 1024d);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return "memory unknown";
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Command-line options; every one has a default that matches docs/performance.md. */
    static final class Options {
        String db;
        Path appJar = Path.of("app/target/deskloop-app.jar");
        String java = ProcessHandle.current().info().command().orElse("java");
        String jdbcUrl = env("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/deskloop_bench");
        String dbUser = env("BENCH_PG_USER", "deskloop_bench");
        String dbPassword = env("BENCH_PG_PASSWORD", "");
        Path workDir = Path.of("bench/target/runs");
        double rate = 500;
        double fixedSeconds = 30;
        int senders = 32;
        int maxSeconds = 30;
        int maxCount = 150_000;
        double triageRate = 20;
        double notesBurstRate = 20;
        double notesBurstSeconds = 5;
        double notesRate = 1;
        double notesSeconds = 60;
        double spreadRate = 20;
        double spreadSeconds = 30;
        int spreadAccounts = 15;
        double intercomRate = 20;
        double intercomSeconds = 30;
        int zendeskTicketUpdatesPerMinute = 100;
        double triageSeconds = 30;
        int warmup = 5_000;
        int duplicateEvery = 10;
        int drainSeconds = 45;
        int quietWaitSeconds = 0;
        int timeLimitSeconds = 900;
        int zendeskRequestsPerMinute = 1_000_000;
        List<String> phases = List.of("c", "d", "e", "b", "fixed", "max");
        List<String> appArgs = new ArrayList<>();
        List<String> appJvmOptions = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    usage(0);
                }
                if (i + 1 >= args.length) {
                    System.err.println("bench: " + name + " needs a value");
                    usage(2);
                }
                String value = args[++i];
                switch (name) {
                    case "--db" -> o.db = value;
                    case "--app-jar" -> o.appJar = Path.of(value);
                    case "--java" -> o.java = value;
                    case "--jdbc-url" -> o.jdbcUrl = value;
                    case "--db-user" -> o.dbUser = value;
                    case "--db-password" -> o.dbPassword = value;
                    case "--work-dir" -> o.workDir = Path.of(value);
                    case "--rate" -> o.rate = Double.parseDouble(value);
                    case "--fixed-seconds" -> o.fixedSeconds = Double.parseDouble(value);
                    case "--senders" -> o.senders = Integer.parseInt(value);
                    case "--max-seconds" -> o.maxSeconds = Integer.parseInt(value);
                    case "--max-count" -> o.maxCount = Integer.parseInt(value);
                    case "--triage-rate" -> o.triageRate = Double.parseDouble(value);
                    case "--triage-seconds" -> o.triageSeconds = Double.parseDouble(value);
                    case "--warmup" -> o.warmup = Integer.parseInt(value);
                    case "--duplicate-every" -> o.duplicateEvery = Integer.parseInt(value);
                    case "--drain-seconds" -> o.drainSeconds = Integer.parseInt(value);
                    case "--quiet-wait-seconds" -> o.quietWaitSeconds = Integer.parseInt(value);
                    case "--time-limit-seconds" -> o.timeLimitSeconds = Integer.parseInt(value);
                    case "--zendesk-requests-per-minute" -> o.zendeskRequestsPerMinute = Integer.parseInt(value);
                    case "--zendesk-ticket-updates-per-minute" ->
                            o.zendeskTicketUpdatesPerMinute = Integer.parseInt(value);
                    case "--notes-burst-rate" -> o.notesBurstRate = Double.parseDouble(value);
                    case "--notes-burst-seconds" -> o.notesBurstSeconds = Double.parseDouble(value);
                    case "--notes-rate" -> o.notesRate = Double.parseDouble(value);
                    case "--notes-seconds" -> o.notesSeconds = Double.parseDouble(value);
                    case "--spread-rate" -> o.spreadRate = Double.parseDouble(value);
                    case "--spread-seconds" -> o.spreadSeconds = Double.parseDouble(value);
                    case "--spread-accounts" -> o.spreadAccounts = Integer.parseInt(value);
                    case "--intercom-rate" -> o.intercomRate = Double.parseDouble(value);
                    case "--intercom-seconds" -> o.intercomSeconds = Double.parseDouble(value);
                    case "--phases" -> o.phases = List.of(value.split(","));
                    case "--app-arg" -> o.appArgs.add(value);
                    case "--app-jvm-option" -> o.appJvmOptions.add(value);
                    default -> {
                        System.err.println("bench: unknown option " + name);
                        usage(2);
                    }
                }
            }
            if (o.db == null || !(o.db.equals("h2") || o.db.equals("postgres"))) {
                System.err.println("bench: --db h2 or --db postgres is required");
                usage(2);
            }
            if (!Files.isRegularFile(o.appJar)) {
                System.err.println("bench: " + o.appJar.toAbsolutePath() + " is missing; build it first "
                        + "(./mvnw -q -DskipTests package, or bench/run which does)");
                System.exit(2);
            }
            if (o.rate <= 0 || o.triageRate <= 0 || o.notesRate <= 0 || o.notesBurstRate <= 0 || o.notesSeconds < 0
                    || o.notesBurstSeconds < 0 || o.notesRate * o.notesSeconds + o.notesBurstRate * o.notesBurstSeconds > 2_000
                    || o.spreadRate <= 0 || o.spreadSeconds < 0 || o.spreadRate * o.spreadSeconds > 2_000
                    || o.spreadAccounts < 1 || o.spreadAccounts > 50
                    || o.intercomRate <= 0 || o.intercomSeconds < 0 || o.intercomRate * o.intercomSeconds > 2_000
                    || o.senders < 1 || o.maxCount < 1 || o.timeLimitSeconds < 30
                    || o.rate > 20_000 || o.senders > 1_000 || o.maxCount > 1_000_000) {
                System.err.println("bench: rates, counts and limits out of range (rate <= 20000/s, senders <= 1000, "
                        + "max-count <= 1000000, at most 2000 tickets or conversations per note phase, "
                        + "spread-accounts 1-50, time limit >= 30 s)");
                System.exit(2);
            }
            o.appJar = o.appJar.toAbsolutePath();
            o.workDir = o.workDir.toAbsolutePath();
            return o;
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }

        private static void usage(int status) {
            System.err.println("""
                    Usage: WebhookBench --db h2|postgres [options]   (normally through bench/run)
                      --app-jar PATH               app/target/deskloop-app.jar
                      --java PATH                  the java running this bench
                      --jdbc-url URL --db-user U --db-password P
                                                   PostgreSQL (env BENCH_PG_URL, BENCH_PG_USER, BENCH_PG_PASSWORD);
                                                   the database must be empty (bench/run creates it)
                      --rate 500 --fixed-seconds 30                 (a) fixed-rate phase
                      --senders 32 --max-seconds 30 --max-count 150000  (a) maximum-rate phase
                      --triage-rate 20 --triage-seconds 30          (b) webhook -> triage phase
                      --notes-burst-rate 20 --notes-burst-seconds 5  (c) webhook -> note, burst (0 s skips it)
                      --notes-rate 1 --notes-seconds 60              (c) webhook -> note, steady (0 s skips it)
                      --spread-rate 20 --spread-seconds 30 --spread-accounts 15
                                                   (d) webhook -> note over several Zendesk accounts
                      --intercom-rate 20 --intercom-seconds 30       (e) webhook -> note for Intercom (0 s skips it)
                      --warmup 5000 --duplicate-every 10 --drain-seconds 45
                      --quiet-wait-seconds 0       wait up to N s for other processes to calm down first
                      --time-limit-seconds 900     hard limit for the whole run
                      --zendesk-requests-per-minute 1000000   the simulator's API rate limit
                      --zendesk-ticket-updates-per-minute 100 its ticket-update limit (Zendesk's; keep it for (c))
                      --phases c,d,e,b,fixed,max   which phases to run (warm-up always runs)
                      --app-arg ARG                extra app argument, e.g. --deskloop.jobs.polling-interval=200ms
                      --app-jvm-option OPT         extra JVM option for the app, e.g. -Xmx1g
                    """);
            System.exit(status);
        }
    }

    /**
     * Per-item latencies of a webhook → note phase in nanoseconds (-1 when missing): webhook → note, webhook → triage
     * stored, triage stored → note; and how many items were triaged as bugs.
     */
    private record NoteTimes(long[] toNote, long[] toTriage, long[] triageToNote, int bugs) {

        /** For items sent at {@code sentAtMicros[i]}; also writes one CSV line per item to {@code csvFile}. */
        static <K> NoteTimes of(List<K> ids, long[] sentAtMicros, Map<String, AppDatabase.FirstTriage> triages,
                                Map<K, Instant> noted, String idColumn, Path csvFile) throws IOException {
            int n = ids.size();
            long[] toNote = new long[n];
            long[] toTriage = new long[n];
            long[] triageToNote = new long[n];
            int bugs = 0;
            StringBuilder csv = new StringBuilder(idColumn + ",sent_at,triage_stored_ms,note_created_ms,is_bug\n");
            for (int i = 0; i < n; i++) {
                K id = ids.get(i);
                long sentAt = sentAtMicros[i];
                AppDatabase.FirstTriage triage = triages.get(String.valueOf(id));
                Instant note = noted.get(id);
                toNote[i] = note == null ? -1 : (micros(note) - sentAt) * 1_000;
                toTriage[i] = triage == null ? -1 : (triage.storedAtMicros() - sentAt) * 1_000;
                triageToNote[i] = note == null || triage == null ? -1 : (micros(note) - triage.storedAtMicros()) * 1_000;
                if (triage != null && triage.bug()) {
                    bugs++;
                }
                csv.append(String.format(java.util.Locale.ROOT, "%s,%d,%.1f,%.1f,%s%n", id, sentAt, toTriage[i] / 1e6,
                        toNote[i] / 1e6, triage == null ? "" : Boolean.toString(triage.bug())));
            }
            Files.writeString(csvFile, csv.toString(), StandardCharsets.UTF_8);
            return new NoteTimes(toNote, toTriage, triageToNote, bugs);
        }

        static long micros(Instant instant) {
            return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        }
    }
}
