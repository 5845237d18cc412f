package dev.deskloop.helpdesk;

import java.time.ZoneId;

/**
 * Who a token belongs to: the provider account ({@code accountKey}: Zendesk subdomain, Intercom app id), a name to
 * show, the provider user we act as ({@code actingUserId}: Zendesk user of the token, Intercom admin), and the
 * desk's time zone where the provider names one ({@code zone}: the Zendesk user's, the Intercom workspace's), else
 * null.
 */
public record AccountIdentity(String accountKey, String accountName, String actingUserId, ZoneId zone) {
}
