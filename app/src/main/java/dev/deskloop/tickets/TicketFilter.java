package dev.deskloop.tickets;

/** Filters for the tickets list; null matches everything. */
public record TicketFilter(String category, String severity, String service, String status) {

    public TicketFilter {
        category = blank(category);
        severity = blank(severity);
        service = blank(service);
        status = blank(status);
    }

    public static TicketFilter none() {
        return new TicketFilter(null, null, null, null);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
