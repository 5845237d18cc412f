package dev.deskloop.ingest;

import java.util.UUID;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.platform.NotFoundException;
import dev.deskloop.platform.Refusal;
import dev.deskloop.workspace.Caller;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A person gives a dead-lettered delivery a fresh set of attempts. */
@Component
public class DeliveryRetries {

    private final Inbox inbox;
    private final InboxDrain drain;
    private final AuditLog audit;

    DeliveryRetries(Inbox inbox, InboxDrain drain, AuditLog audit) {
        this.inbox = inbox;
        this.drain = drain;
        this.audit = audit;
    }

    @Transactional
    public void retry(Caller caller, UUID inboxId) {
        caller.requireWriter();
        InboxEntry entry = inbox.of(caller.workspaceId(), inboxId).orElseThrow(() -> new NotFoundException("Delivery"));
        if (!inbox.revive(inboxId)) {
            throw new Refusal("Only dead-lettered deliveries can be retried; this one is " + entry.status().wireName() + ".");
        }
        drain.wakeAfterCommit();
        audit.record(caller.workspaceId(), caller.email(), "webhook.retried",
                entry.provider().displayName() + " delivery " + entry.eventId(), "after " + entry.attempts() + " attempts");
    }
}
