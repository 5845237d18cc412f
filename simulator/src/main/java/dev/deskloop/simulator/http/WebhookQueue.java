package dev.deskloop.simulator.http;

import dev.deskloop.simulator.Delivery;
import dev.deskloop.simulator.Faults;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Sends webhooks asynchronously, one at a time in due order, with each provider's retry policy.
 * Retries are scheduled on the simulator's clock, so a test that owns the clock decides when they are
 * due; {@link #awaitIdle(Duration)} waits until everything due now has been attempted.
 */
public final class WebhookQueue implements AutoCloseable {

    /** One prepared HTTP request for one attempt. */
    public record Prepared(String method, URI url, Map<String, String> headers, byte[] body, Duration timeout) {
        public Prepared {
            headers = Map.copyOf(headers);
        }
    }

    /** A webhook to deliver; the provider decides its bytes per attempt and whether to retry. */
    public interface Job {
        String provider();

        String deliveryId();

        String topic();

        /** Builds the request for this attempt (1-based). */
        Prepared prepare(int attempt);

        /** The delay before the next attempt after this one ended with {@code status} (0 = no answer). */
        Optional<Duration> retryDelay(int attempt, int status);

        /** Told about every attempt's outcome, e.g. to disable a subscription on 410. */
        default void onResult(int attempt, int status) {
        }
    }

    private record Entry(Instant due, long seq, Job job, int attempt, Prepared prepared) {
    }

    private final Clock clock;
    private final List<Delivery> delivered = new ArrayList<>();
    private final Consumer<Delivery> recorder = this::record;
    private final HttpClient client;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
        Comparator.comparing(Entry::due).thenComparingLong(Entry::seq));
    private final List<Entry> held = new ArrayList<>();
    private final Thread worker;
    private long seq;
    private int inFlight;
    private volatile boolean closed;

    public WebhookQueue(Clock clock) {
        this.clock = clock;
        this.client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        this.worker = Thread.ofVirtual().name("simulator-webhooks").start(this::run);
    }

    /** Queues a delivery now, applying the duplicate and reorder faults. */
    public void enqueue(Job job, Faults faults) {
        Prepared first = job.prepare(1);
        boolean duplicate = faults.takeDuplicate();
        int reorder = faults.takeReorder();
        lock.lock();
        try {
            Instant now = clock.instant();
            List<Entry> entries = new ArrayList<>();
            entries.add(new Entry(now, seq++, job, 1, first));
            if (duplicate) {
                entries.add(new Entry(now, seq++, job, 1, first));
            }
            if (reorder == 0) {
                queue.addAll(entries);
            } else {
                held.addAll(entries);
                if (reorder == 2) {
                    releaseHeld();
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every delivery that is due on the clock has been attempted (retries that are not yet
     * due stay queued), releasing any deliveries held back for reordering first.
     *
     * @throws IllegalStateException if that does not happen within {@code timeout}
     */
    public void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            if (!held.isEmpty()) {
                releaseHeld();
                changed.signalAll();
            }
            while (true) {
                Entry head = queue.peek();
                boolean nothingDue = head == null || head.due().isAfter(clock.instant());
                if (nothingDue && inFlight == 0) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("webhook deliveries still pending after " + timeout
                        + " (queued " + queue.size() + ", in flight " + inFlight + ")");
                }
                changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for deliveries", e);
        } finally {
            lock.unlock();
        }
    }

    /** Deliveries queued or held, including retries that are not yet due. */
    public int pending() {
        lock.lock();
        try {
            return queue.size() + held.size() + inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Every attempt made so far, oldest first. */
    public List<Delivery> deliveries() {
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }

    private void record(Delivery delivery) {
        synchronized (delivered) {
            delivered.add(delivery);
        }
    }

    public void clear() {
        synchronized (delivered) {
            delivered.clear();
        }
        lock.lock();
        try {
            queue.clear();
            held.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sends a HEAD request, as Intercom's Developer Hub does when a webhook URL is saved; 0 if no answer. */
    public int head(URI url, Duration timeout) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(timeout).build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Sends one request right away, outside the queue and without retries (uninstall notifications); recorded like any delivery. */
    public int sendNow(String provider, String deliveryId, String topic, Prepared prepared) {
        Instant sentAt = clock.instant();
        Outcome outcome = attempt(prepared);
        record(new Delivery(provider, deliveryId, topic, prepared.method(), prepared.url().toString(), prepared.headers(),
            new String(prepared.body(), StandardCharsets.UTF_8), 1, outcome.status, outcome.error, sentAt));
        return outcome.status;
    }

    private void releaseHeld() {
        for (int i = held.size() - 1; i >= 0; i--) {
            Entry e = held.get(i);
            queue.add(new Entry(clock.instant(), seq++, e.job(), e.attempt(), e.prepared()));
        }
        held.clear();
    }

    private void run() {
        while (!closed) {
            Entry next = null;
            lock.lock();
            try {
                Entry head = queue.peek();
                if (head != null && !head.due().isAfter(clock.instant())) {
                    next = queue.poll();
                    inFlight++;
                } else {
                    changed.await(20, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (next != null) {
                try {
                    deliver(next);
                } catch (RuntimeException unexpected) {
                    recorder.accept(new Delivery(next.job().provider(), next.job().deliveryId(), next.job().topic(), "?", "?",
                        Map.of(), "", next.attempt(), 0, "simulator error: " + unexpected, clock.instant()));
                } finally {
                    lock.lock();
                    try {
                        inFlight--;
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            }
        }
    }

    private record Outcome(int status, String error) {
    }

    private void deliver(Entry entry) {
        Job job = entry.job();
        Prepared prepared = entry.prepared() != null ? entry.prepared() : job.prepare(entry.attempt());
        Instant sentAt = clock.instant();
        Outcome outcome = attempt(prepared);
        recorder.accept(new Delivery(job.provider(), job.deliveryId(), job.topic(), prepared.method(), prepared.url().toString(),
            prepared.headers(), new String(prepared.body(), StandardCharsets.UTF_8), entry.attempt(), outcome.status,
            outcome.error, sentAt));
        job.onResult(entry.attempt(), outcome.status);
        if (outcome.status < 200 || outcome.status >= 300) {
            job.retryDelay(entry.attempt(), outcome.status).ifPresent(delay -> {
                lock.lock();
                try {
                    queue.add(new Entry(clock.instant().plus(delay), seq++, job, entry.attempt() + 1, null));
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            });
        }
    }

    private Outcome attempt(Prepared prepared) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(prepared.url()).timeout(prepared.timeout());
            boolean hasBody = !prepared.method().equals("GET") && !prepared.method().equals("DELETE")
                && !prepared.method().equals("HEAD");
            builder.method(prepared.method(), hasBody
                ? HttpRequest.BodyPublishers.ofByteArray(prepared.body()) : HttpRequest.BodyPublishers.noBody());
            prepared.headers().forEach(builder::header);
            HttpResponse<Void> response = client.send(builder.build(), HttpResponse.BodyHandlers.discarding());
            return new Outcome(response.statusCode(), null);
        } catch (HttpTimeoutException timeout) {
            return new Outcome(0, "timeout after " + prepared.timeout().toMillis() + " ms");
        } catch (IOException | IllegalArgumentException failed) {
            return new Outcome(0, "no answer: " + failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "interrupted");
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        client.close();
    }
}
