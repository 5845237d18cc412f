package dev.deskloop.writeback;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.deskloop.helpdesk.HelpdeskWrite;
import dev.deskloop.platform.PlatformSettings;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.tickets.StoredTicket;
import dev.deskloop.tickets.TicketTriaged;
import dev.deskloop.tickets.TriageRecord;
import dev.deskloop.triage.Triage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns a triage into writes, inside the triage job's transaction: for a bug the internal note, the public reply
 * (once per ticket) and the mapped fields, as the binding says, and an analysis when the severity meets the
 * threshold; for other tickets a short note only when asked for. A re-triage writes again only when category,
 * severity or affected service changed.
 */
@Component
class TriageWriteback {

    private final Bindings bindings;
    private final Outbox outbox;
    private final ObjectProvider<Jobs> jobs;
    private final PlatformSettings platform;

    TriageWriteback(Bindings bindings, Outbox outbox, ObjectProvider<Jobs> jobs, PlatformSettings platform) {
        this.bindings = bindings;
        this.outbox = outbox;
        this.jobs = jobs;
        this.platform = platform;
    }

    @EventListener
    void on(TicketTriaged triaged) {
        if (!changed(triaged.triage(), triaged.previous())) {
            return;
        }
        BindingSettings binding = bindings.settings(triaged.connectionId());
        StoredTicket ticket = triaged.ticket();
        Triage triage = triaged.triage().triage();
        int version = triaged.triage().version();
        String link = platform.link("/w/" + triaged.workspaceId() + "/tickets/" + ticket.id());
        if (!triage.isBug()) {
            if (binding.classificationNotes()) {
                enqueue(triaged, "classification_note", key(triaged, "classification_note", version),
                        new HelpdeskWrite.InternalNote(TriageNote.classification(triage, link)));
            }
            return;
        }
        if (binding.postingMode().internalNote()) {
            enqueue(triaged, "triage_note", key(triaged, "triage_note", version),
                    new HelpdeskWrite.InternalNote(TriageNote.bug(triage, triaged.triage().zone(), version, link)));
        }
        if (binding.postingMode().publicReply()) {
            enqueue(triaged, "public_reply", publicReplyKey(triaged.connectionId(), ticket.id()),
                    new HelpdeskWrite.PublicReply(ReplyTemplate.render(binding.publicReplyTemplate(),
                            ticket.requesterName(), ticket.externalId(), triage.severity().wireName())));
        }
        Map<String, String> fields = fieldValues(binding.fieldMapping(), triage);
        if (!fields.isEmpty()) {
            enqueue(triaged, "fields", key(triaged, "fields", version), new HelpdeskWrite.FieldUpdate(fields));
        }
        if (binding.autoAnalyze().metBy(triage.severity())) {
            jobs.getObject().scheduleNow(AutoAnalysis.instance(triaged.workspaceId(), ticket.id(), version));
        }
    }

    /** connection:ticket:purpose:triageVersion */
    static String key(UUID connectionId, UUID ticketId, String purpose, int triageVersion) {
        return connectionId + ":" + ticketId + ":" + purpose + ":" + triageVersion;
    }

    /** connection:ticket:public_reply — one public reply per ticket, whatever re-triage says. */
    static String publicReplyKey(UUID connectionId, UUID ticketId) {
        return connectionId + ":" + ticketId + ":public_reply";
    }

    /** Whether the triage says something new for the people reading the ticket. */
    static boolean changed(TriageRecord current, TriageRecord previous) {
        if (previous == null) {
            return true;
        }
        Triage now = current.triage();
        Triage before = previous.triage();
        return now.category() != before.category() || now.severity() != before.severity()
                || !Objects.equals(now.affectedService(), before.affectedService());
    }

    private static Map<String, String> fieldValues(FieldMapping mapping, Triage triage) {
        Map<String, String> values = new LinkedHashMap<>();
        if (mapping.severity() != null && triage.severity() != null) {
            values.put(mapping.severity(), triage.severity().wireName());
        }
        if (mapping.affectedService() != null && triage.affectedService() != null) {
            values.put(mapping.affectedService(), triage.affectedService());
        }
        // analysis_url is set by the analysis, once there is one (F7).
        return values;
    }

    private String key(TicketTriaged triaged, String purpose, int version) {
        return key(triaged.connectionId(), triaged.ticket().id(), purpose, version);
    }

    private void enqueue(TicketTriaged triaged, String purpose, String key, HelpdeskWrite write) {
        outbox.enqueue(new OutboxRequest(triaged.workspaceId(), triaged.connectionId(), triaged.ticket().id(), purpose,
                key, write));
    }
}
