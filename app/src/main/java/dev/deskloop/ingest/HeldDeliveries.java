package dev.deskloop.ingest;

import java.util.UUID;

import dev.deskloop.connection.ConnectionActivated;
import dev.deskloop.platform.jobs.Jobs;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** When a connection is active again, the deliveries kept for it are processed, oldest first. */
@Component
class HeldDeliveries {

    private final Inbox inbox;
    private final Jobs jobs;

    HeldDeliveries(Inbox inbox, Jobs jobs) {
        this.inbox = inbox;
        this.jobs = jobs;
    }

    @EventListener
    void on(ConnectionActivated activated) {
        for (UUID id : inbox.held(activated.connectionId())) {
            if (inbox.requeue(id)) {
                jobs.scheduleNow(DeliveryProcessing.instance(id));
            }
        }
    }
}
