package dev.deskloop.writeback;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.deskloop.connection.ConnectionActivated;
import dev.deskloop.platform.jobs.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * When a connection is active again, the writes kept for it are sent, oldest first. A write kept waiting just as its
 * connection came back, or left pending without a job, is found by the recurring {@code requeue-waiting-writes} job
 * within {@link #SWEEP_EVERY}.
 */
@Configuration(proxyBeanMethods = false)
class WaitingWrites {

    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(WaitingWrites.class);

    private final Outbox outbox;
    private final ObjectProvider<Jobs> jobs;

    WaitingWrites(Outbox outbox, ObjectProvider<Jobs> jobs) {
        this.outbox = outbox;
        this.jobs = jobs;
    }

    @EventListener
    void on(ConnectionActivated activated) {
        send(outbox.waitingFor(activated.connectionId()));
    }

    @Bean
    RecurringTask<Void> requeueWaitingWritesTask() {
        return Tasks.recurring("requeue-waiting-writes", FixedDelay.of(SWEEP_EVERY))
                .execute((instance, context) -> {
                    int sent = send(outbox.stuckForConnectedConnections());
                    if (sent > 0) {
                        log.info("Put {} writes for connected connections back in line", sent);
                    }
                });
    }

    private int send(List<UUID> writes) {
        int scheduled = 0;
        for (UUID id : writes) {
            outbox.requeue(id);
            if (jobs.getObject().scheduleNow(OutboxDelivery.instance(id))) {
                scheduled++;
            }
        }
        return scheduled;
    }
}
