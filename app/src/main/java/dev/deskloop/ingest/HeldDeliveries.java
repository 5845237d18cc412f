package dev.deskloop.ingest;

import java.util.UUID;

import dev.deskloop.connection.ConnectionActivated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** When a connection is active again, the deliveries kept for it are processed, oldest first. */
@Component
class HeldDeliveries {

    private final Inbox inbox;
    private final InboxDrain drain;

    HeldDeliveries(Inbox inbox, InboxDrain drain) {
        this.inbox = inbox;
        this.drain = drain;
    }

    @EventListener
    void on(ConnectionActivated activated) {
        boolean requeued = false;
        for (UUID id : inbox.held(activated.connectionId())) {
            requeued |= inbox.requeue(id);
        }
        if (requeued) {
            drain.wakeAfterCommit();
        }
    }
}
