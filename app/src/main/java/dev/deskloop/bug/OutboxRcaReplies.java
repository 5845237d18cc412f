package dev.deskloop.bug;

import java.util.UUID;

import dev.deskloop.helpdesk.HelpdeskWrite;
import dev.deskloop.writeback.Outbox;
import dev.deskloop.writeback.OutboxRequest;
import org.springframework.stereotype.Component;

/** Sends RCAs through the write-back outbox, which joins the caller's transaction and drops repeated keys. */
@Component
class OutboxRcaReplies implements RcaReplies {

    private final Outbox outbox;

    OutboxRcaReplies(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void enqueue(UUID workspaceId, Bug bug, LinkedTicket ticket) {
        outbox.enqueue(new OutboxRequest(workspaceId, ticket.connectionId(), ticket.ticketId(), RcaMessages.REPLY_PURPOSE,
                RcaMessages.replyKey(ticket.connectionId(), ticket.ticketId(), bug.id()),
                new HelpdeskWrite.PublicReply(RcaMessages.replyHtml(bug.rcaText()))));
        if (bug.changeUrl() != null) {
            outbox.enqueue(new OutboxRequest(workspaceId, ticket.connectionId(), ticket.ticketId(),
                    RcaMessages.NOTE_PURPOSE, RcaMessages.noteKey(ticket.connectionId(), ticket.ticketId(), bug.id()),
                    new HelpdeskWrite.InternalNote(RcaMessages.noteHtml(bug, bug.changeUrl()))));
        }
    }
}
