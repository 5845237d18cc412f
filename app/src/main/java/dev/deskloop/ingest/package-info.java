/**
 * Webhook ingestion: verify the signature on the raw bytes, store the delivery in the inbox (deduplicated on the
 * provider's event id) together with its {@code process-delivery} job, acknowledge; the job then fetches the ticket
 * and announces it with {@link dev.deskloop.ingest.TicketFetched}. Duplicates are counted on their delivery; refused
 * deliveries are counted per connection and outcome by {@link dev.deskloop.ingest.RefusedDeliveries}, never stored.
 */
package dev.deskloop.ingest;
