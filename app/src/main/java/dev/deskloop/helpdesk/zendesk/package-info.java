/** Everything Zendesk: settings, OAuth (PKCE, refresh-token rotation), webhook and trigger registration. */
package dev.deskloop.helpdesk.zendesk;
