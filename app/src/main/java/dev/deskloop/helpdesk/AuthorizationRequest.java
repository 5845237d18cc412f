package dev.deskloop.helpdesk;

import java.net.URI;

/** What goes into the consent-screen URL: the account (Zendesk subdomain, else null), state, PKCE, redirect. */
public record AuthorizationRequest(String account, String state, String codeChallenge, URI redirectUri) {
}
