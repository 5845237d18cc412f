package dev.deskloop.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.NotFoundException;
import dev.deskloop.platform.crypto.SecretTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: each acts for its user inside one workspace, with the user's current role there.
 * The secret is shown once when created; only its SHA-256 hash is stored. Revoked tokens stop working at once.
 */
@Component
public class ApiTokens {

    static final String PREFIX = "dlp_";
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Workspaces workspaces;
    private final AuditLog audit;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, Workspaces workspaces, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.workspaces = workspaces;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public IssuedToken create(Caller caller, String name) {
        String checked = name == null ? "" : name.strip();
        if (checked.isEmpty()) {
            throw new InvalidInput("name", "is required");
        }
        if (checked.length() > 100 || checked.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("name", "may have at most 100 printable characters");
        }
        String secret = SecretTokens.generate(PREFIX);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into api_token (id, workspace_id, user_id, name, token_hash, token_prefix, created_at)
                        values (:id, :workspace, :user, :name, :hash, :prefix, :at)""")
                .param("id", id)
                .param("workspace", caller.workspaceId())
                .param("user", caller.userId())
                .param("name", checked)
                .param("hash", SecretTokens.hash(secret))
                .param("prefix", secret.substring(0, PREFIX.length() + 6))
                .param("at", Timestamp.from(clock.instant()))
                .update();
        audit.record(caller.workspaceId(), caller.email(), "token.created", checked, "token " + id);
        return new IssuedToken(find(caller.workspaceId(), id).orElseThrow(), secret);
    }

    /** Tokens the caller may see: their own; administrators see every member's. */
    public List<ApiToken> list(Caller caller) {
        return jdbc.sql(SELECT + " where t.workspace_id = :workspace"
                        + (caller.role().canAdminister() ? "" : " and t.user_id = :user")
                        + " order by t.created_at desc")
                .param("workspace", caller.workspaceId())
                .param("user", caller.userId())
                .query(ApiTokens::token)
                .list();
    }

    /** Revokes one of the caller's tokens (administrators: any token of the workspace). Idempotent. */
    @Transactional
    public ApiToken revoke(Caller caller, UUID tokenId) {
        ApiToken token = find(caller.workspaceId(), tokenId)
                .filter(t -> t.userId().equals(caller.userId()) || caller.role().canAdminister())
                .orElseThrow(() -> new NotFoundException("Token"));
        if (token.active()) {
            jdbc.sql("update api_token set revoked_at = :at where id = :id and revoked_at is null")
                    .param("at", Timestamp.from(clock.instant()))
                    .param("id", tokenId)
                    .update();
            audit.record(caller.workspaceId(), caller.email(), "token.revoked", token.name(), "token " + tokenId);
        }
        return find(caller.workspaceId(), tokenId).orElseThrow();
    }

    /**
     * The caller a presented secret stands for, if it is a live token whose user is still a member.
     */
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Optional<ApiToken> token = jdbc.sql(SELECT + " where t.token_hash = :hash and t.revoked_at is null")
                .param("hash", SecretTokens.hash(secret))
                .query(ApiTokens::token)
                .optional();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        ApiToken live = token.get();
        Optional<Role> role = workspaces.roleOf(live.workspaceId(), live.userId());
        if (role.isEmpty()) {
            return Optional.empty();
        }
        touch(live);
        return Optional.of(new Caller(live.userId(), live.ownerEmail(), live.workspaceId(), role.get()));
    }

    private void touch(ApiToken token) {
        Instant now = clock.instant();
        if (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_GRANULARITY).isBefore(now)) {
            jdbc.sql("update api_token set last_used_at = :at where id = :id")
                    .param("at", Timestamp.from(now))
                    .param("id", token.id())
                    .update();
        }
    }

    private Optional<ApiToken> find(UUID workspaceId, UUID id) {
        return jdbc.sql(SELECT + " where t.workspace_id = :workspace and t.id = :id")
                .param("workspace", workspaceId)
                .param("id", id)
                .query(ApiTokens::token)
                .optional();
    }

    private static final String SELECT = """
            select t.id, t.workspace_id, t.user_id, u.email, t.name, t.token_prefix, t.created_at, t.last_used_at,
                   t.revoked_at
            from api_token t join app_user u on u.id = t.user_id""";

    private static ApiToken token(ResultSet rs, int row) throws SQLException {
        return new ApiToken(
                rs.getObject("id", UUID.class),
                rs.getObject("workspace_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("email"),
                rs.getString("name"),
                rs.getString("token_prefix"),
                instant(rs, "created_at"),
                instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A token just created, with its secret: the only time the secret is available. */
    public record IssuedToken(ApiToken token, String secret) {

        @Override
        public String toString() {
            return "IssuedToken[token=" + token.id() + ", secret=<redacted>]";
        }
    }
}
