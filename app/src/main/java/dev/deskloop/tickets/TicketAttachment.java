package dev.deskloop.tickets;

import java.util.Locale;

import dev.deskloop.helpdesk.HelpdeskAttachment;

/**
 * The stored metadata of one file attached to a ticket's message.
 *
 * @param messageIndex the message's position in the ticket's stored messages (oldest first, from 0)
 * @param messageId    the provider's id of the message (comment or part), or null
 * @param name         the file name as the provider gave it (plain text; escape when showing it)
 * @param contentType  e.g. {@code image/png}, or null
 * @param size         bytes, or null when unknown
 * @param url          where the provider serves the file, or null
 */
public record TicketAttachment(int messageIndex, String messageId, String name, String contentType, Long size,
                               String url) {

    /** The URL to link to, or null: only an absolute http or https URL is ever linked. */
    public String link() {
        return HelpdeskAttachment.httpUrl(url).orElse(null);
    }

    /** The size for people: {@code 532 B}, {@code 2.5 KB}, {@code 1.2 MB}; empty when unknown. */
    public String displaySize() {
        if (size == null) {
            return "";
        }
        if (size < 1024) {
            return size + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = size;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }
}
