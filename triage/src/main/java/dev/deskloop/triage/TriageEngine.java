package dev.deskloop.triage;

/**
 * Turns a ticket into a {@link Triage}. Implementations are thread-safe and never throw for odd ticket text: they
 * answer with a low confidence instead.
 */
public interface TriageEngine {

    Triage triage(TicketDocument document, TriageContext context);
}
