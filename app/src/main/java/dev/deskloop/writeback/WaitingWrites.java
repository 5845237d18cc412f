package dev.deskloop.writeback;

import java.util.UUID;

import dev.deskloop.connection.ConnectionActivated;
import dev.deskloop.platform.jobs.Jobs;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** When a connection is active again, the writes kept for it are sent, oldest first. */
@Component
class WaitingWrites {

    private final Outbox outbox;
    private final Jobs jobs;

    WaitingWrites(Outbox outbox, Jobs jobs) {
        this.outbox = outbox;
        this.jobs = jobs;
    }

    @EventListener
    void on(ConnectionActivated activated) {
        for (UUID id : outbox.waitingFor(activated.connectionId())) {
            if (outbox.requeue(id)) {
                jobs.scheduleNow(OutboxDelivery.instance(id));
            }
        }
    }
}
