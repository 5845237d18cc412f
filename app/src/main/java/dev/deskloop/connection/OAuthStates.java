package dev.deskloop.connection;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.platform.crypto.SecretTokens;
import dev.deskloop.platform.crypto.TokenCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The state of connect flows in progress: random, single-use, short-lived, bound to the user and workspace that
 * started it, with the PKCE verifier stored encrypted. Only a hash of the state value is stored.
 */
@Component
class OAuthStates {

    private final JdbcClient jdbc;
    private final TokenCipher cipher;
    private final ConnectionSettings settings;
    private final Clock clock;

    OAuthStates(JdbcClient jdbc, TokenCipher cipher, ConnectionSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.settings = settings;
        this.clock = clock;
    }

    Started start(UUID workspaceId, UUID userId, ProviderId provider, String account, UUID connectionId) {
        State state = new State(32);
        CodeVerifier verifier = new CodeVerifier();
        String hash = SecretTokens.hash(state.getValue());
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into oauth_state (state_hash, workspace_id, user_id, provider, account, connection_id,
                                                 code_verifier, created_at, expires_at)
                        values (:hash, :workspace, :user, :provider, :account, :connection, :verifier, :now, :expires)""")
                .param("hash", hash).param("workspace", workspaceId).param("user", userId)
                .param("provider", provider.wireName()).param("account", account)
                .param("connection", connectionId)
                .param("verifier", cipher.encrypt(verifier.getValue(), "oauth_state:" + hash), Types.BINARY)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(settings.stateLifetime())))
                .update();
        return new Started(state.getValue(), verifier);
    }

    /**
     * Uses up a state: succeeds once, for the provider it was made for, before it expires. A second use, an unknown
     * or an expired state all answer empty, so a replayed callback does nothing.
     */
    Optional<Pending> consume(ProviderId provider, String state) {
        if (state == null || state.isBlank() || state.length() > 200) {
            return Optional.empty();
        }
        String hash = SecretTokens.hash(state);
        Instant now = clock.instant();
        int used = jdbc.sql("""
                        update oauth_state set used_at = :now
                        where state_hash = :hash and used_at is null and expires_at > :now and provider = :provider""")
                .param("now", Timestamp.from(now)).param("hash", hash).param("provider", provider.wireName())
                .update();
        if (used != 1) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select workspace_id, user_id, account, connection_id, code_verifier from oauth_state
                        where state_hash = :hash""")
                .param("hash", hash)
                .query((rs, row) -> new Pending(
                        rs.getObject("workspace_id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        provider,
                        rs.getString("account"),
                        rs.getObject("connection_id", UUID.class),
                        cipher.decrypt(rs.getBytes("code_verifier"), "oauth_state:" + hash)))
                .optional();
    }

    /** Deletes states that can no longer be used. */
    int purge() {
        return jdbc.sql("delete from oauth_state where expires_at < :cutoff")
                .param("cutoff", Timestamp.from(clock.instant().minus(settings.stateLifetime())))
                .update();
    }

    record Started(String state, CodeVerifier verifier) {
    }

    /** A connect flow that came back from the provider: who started it, for what, and its PKCE verifier. */
    record Pending(UUID workspaceId, UUID userId, ProviderId provider, String account, UUID connectionId,
                   String codeVerifier) {
        @Override
        public String toString() {
            return "Pending[workspace=" + workspaceId + ", provider=" + provider + ", account=" + account + "]";
        }
    }
}
