package dev.deskloop.helpdesk;

/**
 * Who a token belongs to: the provider account ({@code accountKey}: Zendesk subdomain, Intercom app id), a name to
 * show, and the provider user we act as ({@code actingUserId}: Zendesk user of the token, Intercom admin).
 */
public record AccountIdentity(String accountKey, String accountName, String actingUserId) {
}
