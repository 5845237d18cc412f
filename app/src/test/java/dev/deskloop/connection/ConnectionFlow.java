package dev.deskloop.connection;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.util.UUID;

import dev.deskloop.ConsentScreen;
import dev.deskloop.workspace.Account;
import dev.deskloop.workspace.Fixtures;
import dev.deskloop.workspace.Workspace;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Drives the connect flow the way a person's browser does: dashboard → consent screen → callback. */
public final class ConnectionFlow {

    private final MockMvc mvc;
    private final Fixtures fixtures;
    private final ConsentScreen consent = new ConsentScreen();

    public ConnectionFlow(MockMvc mvc, Fixtures fixtures) {
        this.mvc = mvc;
        this.fixtures = fixtures;
    }

    /** Clicks Connect and returns the consent-screen URL the app redirected to. */
    public URI start(Workspace workspace, Account who, String provider, String subdomain) throws Exception {
        var request = post("/w/{w}/integrations/{p}/connect", workspace.id(), provider)
                .with(user(fixtures.signedIn(who))).with(csrf());
        if (subdomain != null) {
            request = request.param("subdomain", subdomain);
        }
        MvcResult result = mvc.perform(request).andReturn();
        String location = result.getResponse().getRedirectedUrl();
        if (location == null) {
            throw new AssertionError("connect did not redirect (" + result.getResponse().getStatus() + "): "
                    + result.getResponse().getContentAsString());
        }
        return URI.create(location);
    }

    /** The browser arriving back at Deskloop's callback. */
    public MvcResult callback(Account who, URI callback) throws Exception {
        // A URI, not a template: the query stays exactly as the provider encoded it (Intercom codes may end in "=").
        URI local = URI.create("http://localhost" + callback.getRawPath() + "?" + callback.getRawQuery());
        return mvc.perform(get(local).with(user(fixtures.signedIn(who)))).andReturn();
    }

    public URI allow(URI consentPage) {
        return consent.allow(consentPage);
    }

    public URI deny(URI consentPage) {
        return consent.deny(consentPage);
    }

    /** The whole happy path; returns the new connection's id. */
    public UUID connect(Workspace workspace, Account who, String provider, String subdomain, Connections connections)
            throws Exception {
        MvcResult done = callback(who, allow(start(workspace, who, provider, subdomain)));
        if (done.getResponse().getRedirectedUrl() == null) {
            throw new AssertionError("callback failed: " + done.getResponse().getContentAsString());
        }
        return connections.active(workspace.id()).orElseThrow(() -> new AssertionError("no active connection: "
                + done.getFlashMap())).id();
    }
}
