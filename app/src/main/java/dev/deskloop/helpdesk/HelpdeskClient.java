package dev.deskloop.helpdesk;

/** Reads tickets through a provider's API. Failures are {@link HelpdeskApiException}s. */
public interface HelpdeskClient {

    HelpdeskTicket fetch(String account, String accessToken, String ticketId);
}
