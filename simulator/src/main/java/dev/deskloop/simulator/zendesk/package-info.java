/**
 * The simulated Zendesk Support: one isolated account per subdomain under {@code /zendesk/{subdomain}/},
 * with OAuth (consent page, code and refresh grants with rotation), scoped API tokens, tickets, comments,
 * users, ticket fields, webhooks, triggers and signed webhook deliveries, as described in
 * {@code shared/docs/providers/ZENDESK.md}. {@link dev.deskloop.simulator.zendesk.ZendeskSimulator} is the handle.
 */
package dev.deskloop.simulator.zendesk;
