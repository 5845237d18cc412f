package dev.deskloop.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.deskloop.platform.AfterCommit;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.platform.jobs.JobsSettings;
import dev.deskloop.platform.jobs.WorkSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes received deliveries straight from the inbox: one thread claims them in batches (as many as there are free
 * workers; connections take turns, and each connection's deliveries go oldest first: {@link Inbox#claim}) and hands
 * each to a worker; a stored delivery costs one insert when it arrives, and no job.
 * The webhook endpoint wakes the drain after each commit; without a wake-up it looks every polling interval
 * ({@code deskloop.jobs.polling-interval}), so deliveries stored by another instance are found too.
 *
 * <p>A claim lasts {@link #LEASE}; the claims of an instance that stopped mid-way lapse and are put back in line. A
 * failed first attempt goes to the {@code process-delivery} job with the retry policy's backoff. In manual mode
 * (tests) nothing runs by itself: {@link Jobs#runDue()} drains the inbox on the test's thread.
 */
@Component
class InboxDrain implements WorkSource, SmartLifecycle {

    static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration RELEASE_EVERY = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(InboxDrain.class);

    private final Inbox inbox;
    private final DeliveryProcessing processing;
    private final ObjectProvider<Jobs> jobs;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int workers;
    private final Duration pollingInterval;
    private final boolean autoRun;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Semaphore free;
    private volatile boolean running;
    private Thread claimer;
    private ExecutorService executor;

    InboxDrain(Inbox inbox, DeliveryProcessing processing, ObjectProvider<Jobs> jobs, TransactionTemplate transaction,
               JobsSettings settings, Clock clock, @Value("${deskloop.command:serve}") String command) {
        this.inbox = inbox;
        this.processing = processing;
        this.jobs = jobs;
        this.transaction = transaction;
        this.clock = clock;
        this.workers = settings.threads();
        this.pollingInterval = settings.pollingInterval();
        this.autoRun = !settings.manual() && "serve".equals(command);
        this.free = new Semaphore(workers);
    }

    /** A delivery was stored (committed): look for work now instead of at the next poll. */
    void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Wakes the drain once the current transaction commits (at once outside a transaction). */
    void wakeAfterCommit() {
        AfterCommit.run(this::wake);
    }

    @Override
    public int runReady() {
        int handled = 0;
        for (List<UUID> batch = claim(workers); !batch.isEmpty(); batch = claim(workers)) {
            for (UUID id : batch) {
                processOne(id);
                handled++;
            }
        }
        return handled;
    }

    @Override
    public void reviveAbandoned() {
        inbox.releaseLapsedClaims();
    }

    private List<UUID> claim(int limit) {
        return inbox.claim(limit, clock.instant().plus(LEASE));
    }

    private void processOne(UUID id) {
        try {
            processing.process(id);
        } catch (RuntimeException e) {
            try {
                // The failed attempt and its retry job commit together: a row marked for a retry always has its job.
                transaction.executeWithoutResult(status -> {
                    Instant next = processing.afterFailure(id, e);
                    if (next != null) {
                        jobs.getObject().schedule(DeliveryProcessing.instance(id), next);
                    }
                });
            } catch (RuntimeException recording) {
                log.warn("Could not record the failed attempt of delivery {} ({}); its claim lapses after {} and it is "
                        + "tried again", id, recording.toString(), LEASE);
            }
        }
    }

    private void loop() {
        Instant nextRelease = Instant.EPOCH;
        while (running) {
            try {
                Instant now = clock.instant();
                if (!now.isBefore(nextRelease)) {
                    int released = inbox.releaseLapsedClaims();
                    if (released > 0) {
                        log.info("Put {} deliveries whose claim lapsed back in line", released);
                    }
                    nextRelease = now.plus(RELEASE_EVERY);
                }
                free.acquire();
                int available = 1 + free.drainPermits();
                List<UUID> batch;
                try {
                    batch = claim(available);
                } catch (RuntimeException e) {
                    free.release(available);
                    throw e;
                }
                free.release(available - batch.size());
                for (UUID id : batch) {
                    executor.execute(() -> {
                        try {
                            processOne(id);
                        } finally {
                            free.release();
                        }
                    });
                }
                if (batch.size() < available) {
                    // The inbox is empty for now: wait for a delivery, or poll for those stored by another instance.
                    wakeUps.tryAcquire(pollingInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Claiming deliveries failed; trying again shortly: {}", e.toString());
                sleepQuietly(pollingInterval);
            }
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        if (autoRun) {
            executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("inbox-worker-", 0).factory());
            running = true;
            claimer = Thread.ofPlatform().name("inbox-drain").daemon().start(this::loop);
        }
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        claimer.interrupt();
        executor.shutdown();
        try {
            claimer.join(Duration.ofSeconds(5));
            if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
                log.warn("Deliveries still being processed at shutdown; their claims lapse after {}", LEASE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the job queue and the web server's dependencies, stops before the database goes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
