package dev.deskloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deskloop.platform.jobs.JobsSettings;
import org.junit.jupiter.api.Test;

/** The running drain's claim loop, with the database replaced by a queue that fails once. */
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
        DeliveryProcessing processing = new DeliveryProcessing(null, null, null, null, null, null, null, null, null) {
            @Override
            void process(UUID inboxId) {
                processed.add(inboxId);
                done.countDown();
            }
        };
        InboxDrain drain = new InboxDrain(inbox, processing, null, new JobsSettings(1, Duration.ofMillis(20), false),
                Clock.systemUTC(), "serve");
        drain.start();
        try {
            assertThat(done.await(10, TimeUnit.SECONDS)).as("deliveries processed after the failed claims").isTrue();
        } finally {
            drain.stop();
        }
        assertThat(processed).containsExactly(first, second);
        assertThat(claims.get()).isGreaterThan(3);
    }
}
