package dev.deskloop.ingest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.deskloop.connection.ConnectionActivated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * When a connection is active again, the deliveries kept for it are processed, oldest first. A delivery held just as
 * its connection came back (by a worker, or another instance, that read the old status) is found by the recurring
 * {@code requeue-held-deliveries} job within {@link #SWEEP_EVERY}.
 */
@Configuration(proxyBeanMethods = false)
class HeldDeliveries {

    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(HeldDeliveries.class);

    private final Inbox inbox;
    private final InboxDrain drain;

    HeldDeliveries(Inbox inbox, InboxDrain drain) {
        this.inbox = inbox;
        this.drain = drain;
    }

    @EventListener
    void on(ConnectionActivated activated) {
        requeue(inbox.held(activated.connectionId()));
    }

    @Bean
    RecurringTask<Void> requeueHeldDeliveriesTask() {
        return Tasks.recurring("requeue-held-deliveries", FixedDelay.of(SWEEP_EVERY))
                .execute((instance, context) -> {
                    int requeued = requeue(inbox.heldForConnectedConnections());
                    if (requeued > 0) {
                        log.info("Put {} deliveries held for connected connections back in line", requeued);
                    }
                });
    }

    private int requeue(List<UUID> held) {
        int requeued = 0;
        for (UUID id : held) {
            if (inbox.requeue(id)) {
                requeued++;
            }
        }
        if (requeued > 0) {
            drain.wakeAfterCommit();
        }
        return requeued;
    }
}
