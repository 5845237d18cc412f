package dev.deskloop.triage.text;

import dev.deskloop.triage.TicketMessage;

/**
 * One message after normalisation.
 *
 * @param author who wrote it
 * @param isPublic whether the requester sees it
 * @param text plain text without quoted history and signature; customer quotes are taken from it verbatim
 * @param analysed {@code text} without instructions addressed to the triage system; rules and models read this
 */
public record MessageText(TicketMessage.Author author, boolean isPublic, String text, String analysed) {
}
