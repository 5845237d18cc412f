package dev.deskloop.helpdesk;

/**
 * A verified delivery, read: the provider's id for it (the deduplication key), its topic, the provider account it
 * belongs to when the payload names one (Intercom {@code app_id}), and what it means.
 */
public record InboundDelivery(String eventId, String topic, String accountKey, HelpdeskEvent event) {
}
