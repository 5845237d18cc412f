package dev.deskloop.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.deskloop.simulator.http.Json;
import dev.deskloop.simulator.intercom.IntercomConversation;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends signed Zendesk deliveries to {@code POST /hooks/{connectionId}}, or signed Intercom notifications to
 * {@code POST /hooks/intercom}, on 127.0.0.1 only, bounded in count and in time: open loop at a fixed rate (latency
 * counted from the intended send time, so a stalled server cannot hide its queue), or closed loop with a fixed number
 * of senders for the maximum rate.
 */
final class Load {

    /** At most this many requests in flight in the open loop; beyond it the generator waits (and says so). */
    private static final int MAX_IN_FLIGHT = 2_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Whose deliveries a generator sends, and so which headers they carry. */
    enum Provider { ZENDESK, INTERCOM }

    /**
     * One delivery as Zendesk would send it (for Intercom: {@code ticketId} is the conversation id, {@code signature}
     * the {@code X-Hub-Signature} value, {@code invocationId} the notification id, no timestamp); a duplicate repeats
     * an earlier one byte for byte.
     */
    record Delivery(long ticketId, byte[] body, String timestamp, String signature, String invocationId,
                    boolean duplicate) {

        Delivery asDuplicate() {
            return new Delivery(ticketId, body, timestamp, signature, invocationId, true);
        }
    }

    private final RawHttp http;
    private final Provider provider;

    Load(String hookUrl) {
        this(hookUrl, Provider.ZENDESK);
    }

    Load(String hookUrl, Provider provider) {
        this.provider = provider;
        URI uri = URI.create(hookUrl);
        String host = uri.getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host) && !"[::1]".equals(host)) {
            throw new IllegalArgumentException("the load generator only sends to the loopback address, not " + host);
        }
        this.http = new RawHttp(uri, (int) REQUEST_TIMEOUT.toMillis());
    }

    /** TCP connections the generator opened so far. */
    int connectionsOpened() {
        return http.connectionsOpened();
    }

    /** The body Deskloop's Zendesk trigger sends. */
    static byte[] body(String event, long ticketId, Instant updatedAt) {
        return ("{\"event\":\"" + event + "\",\"ticket_id\":\"" + ticketId + "\",\"updated_at\":\"" + updatedAt + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code count} deliveries of {@code ticket.created} for distinct tickets numbered from {@code firstTicketId};
     * every {@code duplicateEvery}-th one (if > 0) repeats the delivery three places before it, so at high rates the
     * original may still be in flight when its duplicate arrives.
     */
    static List<Delivery> prepare(String secret, long firstTicketId, int count, int duplicateEvery, Instant updatedAt) {
        List<Delivery> out = new ArrayList<>(count);
        long next = firstTicketId;
        for (int i = 0; i < count; i++) {
            if (duplicateEvery > 0 && i % duplicateEvery == duplicateEvery - 1 && i >= 3 && !out.get(i - 3).duplicate()) {
                out.add(out.get(i - 3).asDuplicate());
            } else {
                long ticket = next++;
                out.add(signed(secret, ticket, body("ticket.created", ticket, updatedAt)));
            }
        }
        return out;
    }

    static Delivery signed(String secret, long ticketId, byte[] body) {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new Delivery(ticketId, body, timestamp, sign(secret, timestamp, body), UUID.randomUUID().toString(), false);
    }

    /** base64(HMAC-SHA256(signing secret, timestamp + raw body)), as Zendesk signs. */
    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A {@code conversation.user.created} notification for the conversation, as Intercom sends it: the
     * {@code notification_event} envelope with the conversation as {@code data.item} (no parts yet), signed
     * {@code X-Hub-Signature: sha1=} + hex HMAC-SHA1 of the raw body keyed with the app's client secret.
     */
    static Delivery intercomCreated(String clientSecret, String appId, IntercomConversation conversation) {
        long now = Instant.now().getEpochSecond();
        String id = "notif_" + UUID.randomUUID();
        ObjectNode body = Json.object();
        body.put("type", "notification_event");
        body.put("app_id", appId);
        ObjectNode data = body.putObject("data");
        data.put("type", "notification_event_data");
        ObjectNode item = data.putObject("item");
        item.put("type", "conversation");
        item.put("id", conversation.id());
        item.put("title", conversation.title());
        item.put("created_at", conversation.createdAt().getEpochSecond());
        item.put("updated_at", conversation.updatedAt().getEpochSecond());
        item.put("waiting_since", conversation.createdAt().getEpochSecond());
        ObjectNode source = item.putObject("source");
        source.put("type", "conversation");
        source.put("delivered_as", "customer_initiated");
        source.put("subject", conversation.title());
        source.put("body", conversation.sourceBody());
        source.putObject("author").put("type", "user").put("id", conversation.contactId());
        ObjectNode contacts = item.putObject("contacts");
        contacts.put("type", "contact.list");
        contacts.putArray("contacts").addObject().put("type", "contact").put("id", conversation.contactId());
        item.put("open", true);
        item.put("state", conversation.state());
        item.put("read", false);
        item.putObject("tags").put("type", "tag.list").putArray("tags");
        ObjectNode parts = item.putObject("conversation_parts");
        parts.put("type", "conversation_part.list");
        parts.putArray("conversation_parts");
        parts.put("total_count", 0);
        body.putObject("links");
        body.put("id", id);
        body.put("topic", "conversation.user.created");
        body.put("delivery_status", "pending");
        body.put("delivery_attempts", 1);
        body.put("delivered_at", 0);
        body.put("first_sent_at", now);
        body.put("created_at", now);
        body.putNull("self");
        byte[] bytes = Json.bytes(body);
        return new Delivery(Long.parseLong(conversation.id()), bytes, null, hubSignature(clientSecret, bytes), id, false);
    }

    /** {@code sha1=} + lowercase hex HMAC-SHA1(client secret, raw body), as Intercom signs its notifications. */
    static String hubSignature(String clientSecret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return "sha1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Open loop: delivery {@code i} is due at start + i / rate; stops sending at {@code limit}. */
    Result fixedRate(List<Delivery> deliveries, double perSecond, Duration limit) throws InterruptedException {
        Result result = new Result(deliveries);
        long period = Math.round(1_000_000_000d / perSecond);
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long start = System.nanoTime() + 20_000_000L;
        long deadline = start + limit.toNanos();
        result.startNanos = start;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < deliveries.size(); i++) {
                long due = start + i * period;
                if (due > deadline) {
                    break;
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!inFlight.tryAcquire()) {
                    result.generatorWaited.increment();
                    inFlight.acquire();
                }
                int index = i;
                result.sent++;
                senders.submit(() -> {
                    try {
                        send(result, index, due);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        result.endNanos = System.nanoTime();
        return result;
    }

    /** Closed loop: {@code senders} virtual threads, each sends its next delivery when the previous is answered. */
    Result maxRate(List<Delivery> deliveries, int senders, Duration limit) throws InterruptedException {
        Result result = new Result(deliveries);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        result.startNanos = start;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int s = 0; s < senders; s++) {
                pool.submit(() -> {
                    int i;
                    while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < deliveries.size()) {
                        sent.incrementAndGet();
                        send(result, i, System.nanoTime());
                    }
                });
            }
        }
        result.endNanos = System.nanoTime();
        result.sent = sent.get();
        return result;
    }

    private void send(Result result, int index, long due) {
        Delivery d = result.deliveries.get(index);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (provider == Provider.INTERCOM) {
            headers.put("Accept", "application/json");
            headers.put("User-Agent", "intercom-parrot-service-client/1.0");
            headers.put("X-Hub-Signature", d.signature());
        } else {
            headers.put("User-Agent", "Zendesk Webhook");
            headers.put("X-Zendesk-Webhook-Signature", d.signature());
            headers.put("X-Zendesk-Webhook-Signature-Timestamp", d.timestamp());
            headers.put("x-zendesk-webhook-invocation-id", d.invocationId());
        }
        long begin = System.nanoTime();
        result.dueNanos[index] = due;
        result.sentAtEpochMicros[index] = epochMicros();
        try {
            RawHttp.Response response = http.post(headers, d.body());
            long end = System.nanoTime();
            result.latency[index] = end - due;
            result.service[index] = end - begin;
            String body = response.body();
            if (response.status() != 200) {
                result.error("HTTP " + response.status());
            } else if (body.contains("\"received\"")) {
                result.received.increment();
            } else if (body.contains("\"duplicate\"")) {
                result.duplicate.increment();
            } else {
                result.error("200 " + (body.length() > 60 ? body.substring(0, 60) : body));
            }
        } catch (IOException e) {
            result.error(e.getClass().getSimpleName());
        }
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    void close() {
        http.close();
    }

    /** What one run sent and got back. Latencies are in nanoseconds, -1 where no answer came. */
    static final class Result {
        final List<Delivery> deliveries;
        final long[] latency;
        final long[] service;
        final long[] sentAtEpochMicros;
        final long[] dueNanos;
        final LongAdder received = new LongAdder();
        final LongAdder duplicate = new LongAdder();
        final LongAdder generatorWaited = new LongAdder();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        int sent;
        long startNanos;
        long endNanos;

        Result(List<Delivery> deliveries) {
            this.deliveries = deliveries;
            this.latency = new long[deliveries.size()];
            this.service = new long[deliveries.size()];
            this.sentAtEpochMicros = new long[deliveries.size()];
            this.dueNanos = new long[deliveries.size()];
            Arrays.fill(latency, -1);
            Arrays.fill(service, -1);
        }

        void error(String kind) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        long errorCount() {
            return errors.values().stream().mapToLong(LongAdder::sum).sum();
        }

        long answered() {
            return Arrays.stream(latency).filter(v -> v >= 0).count();
        }

        /** Distinct deliveries among those sent (the first {@code sent} of the list). */
        long distinctSent() {
            return deliveries.subList(0, sent).stream().filter(d -> !d.duplicate()).count();
        }

        long duplicatesSent() {
            return sent - distinctSent();
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        /** Acknowledged 200s per second over the run. */
        double throughput() {
            return (received.sum() + duplicate.sum()) / seconds();
        }

        /** Per second of the run: requests started, answered, and their latency percentiles (CSV). */
        String perSecondCsv() {
            StringBuilder csv = new StringBuilder("second,started,answered,p50_ms,p99_ms,max_ms\n");
            int seconds = (int) Math.ceil(seconds()) + 1;
            List<List<Long>> buckets = new ArrayList<>();
            int[] started = new int[seconds];
            for (int s = 0; s < seconds; s++) {
                buckets.add(new ArrayList<>());
            }
            for (int i = 0; i < sent; i++) {
                int s = (int) Math.max(0, Math.min(seconds - 1, (dueNanos[i] - startNanos) / 1_000_000_000L));
                started[s]++;
                if (latency[i] >= 0) {
                    buckets.get(s).add(latency[i]);
                }
            }
            for (int s = 0; s < seconds; s++) {
                Stats st = Stats.of(buckets.get(s).stream().mapToLong(Long::longValue).toArray());
                csv.append(String.format(java.util.Locale.ROOT, "%d,%d,%d,%.2f,%.2f,%.2f%n", s, started[s], st.count(),
                        st.p50Ms(), st.p99Ms(), st.maxMs()));
            }
            return csv.toString();
        }

        Stats latencyStats() {
            return Stats.of(latency);
        }

        Stats serviceStats() {
            return Stats.of(service);
        }
    }

    /** Percentiles (nearest rank) of a set of durations in nanoseconds; negative values are ignored. */
    record Stats(int count, double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs) {

        static Stats of(long[] nanos) {
            long[] v = Arrays.stream(nanos).filter(x -> x >= 0).sorted().toArray();
            if (v.length == 0) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Stats(v.length, ms(rank(v, 0.50)), ms(rank(v, 0.95)), ms(rank(v, 0.99)), ms(v[v.length - 1]),
                    Arrays.stream(v).average().orElse(0) / 1e6);
        }

        private static long rank(long[] sorted, double p) {
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }

        String describe() {
            return String.format("p50 %s ms, p95 %s ms, p99 %s ms, max %s ms (n=%d)", f(p50Ms), f(p95Ms), f(p99Ms),
                    f(maxMs), count);
        }

        static String f(double ms) {
            return ms >= 100 ? String.format("%.0f", ms) : ms >= 10 ? String.format("%.1f", ms) : String.format("%.2f", ms);
        }
    }
}
