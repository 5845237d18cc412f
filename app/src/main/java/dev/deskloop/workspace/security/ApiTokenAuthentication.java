package dev.deskloop.workspace.security;

import java.util.List;

import dev.deskloop.workspace.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by a personal API token; the principal is the {@link Caller} it acts as. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    ApiTokenAuthentication(Caller caller) {
        super(List.of(new SimpleGrantedAuthority("ROLE_API")));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }
}
