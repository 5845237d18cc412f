package dev.deskloop.helpdesk;

/**
 * Where a write goes: the provider account (Zendesk subdomain, Intercom app id), the provider user Deskloop acts as
 * (Intercom needs the admin id in every reply), and the ticket or conversation id.
 */
public record WriteTarget(String account, String actingUserId, String ticketExternalId) {
}
