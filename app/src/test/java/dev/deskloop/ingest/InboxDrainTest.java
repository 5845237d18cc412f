package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.platform.jobs.JobsSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** The drain's claim loop and its handling of a failed first attempt, with the database replaced by fakes. */
class InboxDrainTest {

    @Test
    void aFailedClaimGivesItsWorkersBackAndTheDrainGoesOn() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Queue<UUID> waiting = new ConcurrentLinkedQueue<>(List.of(first, second));
        AtomicInteger claims = new AtomicInteger();
        Inbox inbox = new Inbox(null, null, null, Clock.systemUTC()) {
            @Override
            List<UUID> claim(int limit, Instant until) {
                if (claims.incrementAndGet() <= 3) {
                    throw new IllegalStateException("the database is away");
                }
                UUID next = waiting.poll();
                return next == null ? List.of() : List.of(next);
            }

            @Override
            int releaseLapsedClaims() {
                return 0;
            }
        };
        Queue<UUID> processed = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(2);
        DeliveryProcessing processing = new DeliveryProcessing(null, null, null, null, null, null, null, null, null, null) {
            @Override
            void process(UUID inboxId) {
                processed.add(inboxId);
                done.countDown();
            }
        };
        InboxDrain drain = new InboxDrain(inbox, processing, null, new TransactionTemplate(new RecordingTransactions()),
                new JobsSettings(1, Duration.ofMillis(20), false), Clock.systemUTC(), "serve");
        drain.start();
        try {
            assertThat(done.await(10, TimeUnit.SECONDS)).as("deliveries processed after the failed claims").isTrue();
        } finally {
            drain.stop();
        }
        assertThat(processed).containsExactly(first, second);
        assertThat(claims.get()).isGreaterThan(3);
    }

    @Test
    void aFailedAttemptAndItsRetryJobCommitTogetherOrNotAtAll() {
        UUID id = UUID.randomUUID();
        Queue<UUID> waiting = new ConcurrentLinkedQueue<>(List.of(id));
        Inbox inbox = new Inbox(null, null, null, Clock.systemUTC()) {
            @Override
            List<UUID> claim(int limit, Instant until) {
                UUID next = waiting.poll();
                return next == null ? List.of() : List.of(next);
            }
        };
        RecordingTransactions transactions = new RecordingTransactions();
        DeliveryProcessing processing = new DeliveryProcessing(null, null, null, null, null, null, null, null, null, null) {
            @Override
            void process(UUID inboxId) {
                throw new IllegalStateException("the provider is away");
            }

            @Override
            Instant afterFailure(UUID inboxId, Throwable cause) {
                transactions.events.add("failure recorded in " + transactions.open);
                return Instant.now().plusSeconds(60);
            }
        };
        ObjectProvider<Jobs> jobs = new ObjectProvider<>() {
            @Override
            public Jobs getObject() {
                throw new IllegalStateException("the job table is away");
            }

            @Override
            public Jobs getObject(Object... args) {
                return getObject();
            }

            @Override
            public Jobs getIfAvailable() {
                return getObject();
            }

            @Override
            public Jobs getIfUnique() {
                return getObject();
            }
        };
        InboxDrain drain = new InboxDrain(inbox, processing, jobs, new TransactionTemplate(transactions),
                new JobsSettings(1, Duration.ofMillis(20), true), Clock.systemUTC(), "serve");

        assertThat(drain.runReady()).isEqualTo(1);

        // Scheduling the retry failed, so the recorded failure is rolled back: the row stays claimed, its claim lapses
        // and the delivery is tried again, instead of waiting in 'processing' for a job that does not exist.
        assertThat(transactions.events).containsExactly("begin", "failure recorded in 1", "rollback");
    }

    /** A transaction manager that records what happens to its transactions. */
    private static final class RecordingTransactions implements PlatformTransactionManager {
        final List<String> events = new CopyOnWriteArrayList<>();
        int open;

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            events.add("begin");
            open++;
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
            events.add("commit");
            open--;
        }

        @Override
        public void rollback(TransactionStatus status) {
            events.add("rollback");
            open--;
        }
    }
}
