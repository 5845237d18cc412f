package dev.deskloop.connection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.deskloop.helpdesk.AccountIdentity;
import dev.deskloop.helpdesk.OAuthGrant;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.helpdesk.WebhookRegistration;
import dev.deskloop.platform.AfterCommit;
import dev.deskloop.platform.crypto.KeyRotation;
import dev.deskloop.platform.crypto.TokenCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Connections as stored. Every secret column is encrypted with the connection id and the column name as associated
 * data, so a ciphertext copied to another row or column does not decrypt.
 */
@Component
public class Connections implements KeyRotation.EncryptedSecrets {

    static final List<String> SECRET_COLUMNS = List.of("access_token", "refresh_token", "signing_secret");

    private final JdbcClient jdbc;
    private final TokenCipher cipher;
    private final Clock clock;

    /** How long the webhook endpoint reuses a connection and its signing secret read from the database. */
    static final Duration RECEIVER_REUSE = Duration.ofSeconds(2);
    private static final int MAX_CACHED_RECEIVERS = 10_000;

    private final Map<UUID, CachedReceiver> receivers = new ConcurrentHashMap<>();

    Connections(JdbcClient jdbc, TokenCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * The connection a webhook address names, with its decrypted signing secret (null when the provider signs with
     * the app's secret), read with one query. The webhook endpoint asks for it on every delivery, so the answer is
     * reused for {@link #RECEIVER_REUSE}; this instance's own changes to the connection take effect at once, another
     * instance's after at most that long (deliveries meanwhile are still checked again by their processing job).
     * {@code fresh} skips the reuse: a signature that fails against a reused secret is checked against the stored one.
     */
    public Optional<WebhookReceiver> receiver(UUID id, boolean fresh) {
        long now = System.nanoTime();
        CachedReceiver cached = fresh ? null : receivers.get(id);
        if (cached != null && now - cached.readAt() < RECEIVER_REUSE.toNanos()) {
            return Optional.of(cached.receiver());
        }
        Optional<WebhookReceiver> read = jdbc.sql(SELECT_WITH_SIGNING_SECRET + " where id = :id")
                .param("id", id)
                .query((rs, row) -> new WebhookReceiver(connection(rs, row),
                        open(id, "signing_secret", rs.getBytes("signing_secret"))))
                .optional();
        if (read.isPresent()) {
            if (receivers.size() >= MAX_CACHED_RECEIVERS) {
                receivers.clear();
            }
            receivers.put(id, new CachedReceiver(read.get(), now));
        } else {
            receivers.remove(id);
        }
        return read;
    }

    /** A connection and its webhook signing secret; the secret never appears in {@code toString}. */
    public record WebhookReceiver(Connection connection, String signingSecret) {
        @Override
        public String toString() {
            return "WebhookReceiver[" + connection.id() + ", signing secret <redacted>]";
        }
    }

    private record CachedReceiver(WebhookReceiver receiver, long readAt) {
    }

    /**
     * Every change to a connection row goes through here first, so that no reused copy outlives it: the copy is
     * dropped now and again once the transaction commits, in case a delivery read the old row in between.
     */
    private JdbcClient.StatementSpec change(UUID id, String sql) {
        receivers.remove(id);
        AfterCommit.run(() -> receivers.remove(id));
        return jdbc.sql(sql);
    }

    public Optional<Connection> byId(UUID id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(Connections::connection).optional();
    }

    /** A connection of the workspace; another workspace's connection is simply not found. */
    public Optional<Connection> of(UUID workspaceId, UUID id) {
        return jdbc.sql(SELECT + " where id = :id and workspace_id = :workspace")
                .param("id", id).param("workspace", workspaceId)
                .query(Connections::connection).optional();
    }

    /** Every connection the workspace ever had, newest first. */
    public List<Connection> ofWorkspace(UUID workspaceId) {
        return jdbc.sql(SELECT + " where workspace_id = :workspace order by created_at desc")
                .param("workspace", workspaceId).query(Connections::connection).list();
    }

    public Optional<Connection> active(UUID workspaceId) {
        return jdbc.sql(SELECT + " where workspace_id = :workspace and status <> 'disconnected'"
                        + " order by created_at desc fetch first 1 rows only")
                .param("workspace", workspaceId).query(Connections::connection).optional();
    }

    /** Every connection of the workspace that is not disconnected, newest first. */
    List<Connection> notDisconnected(UUID workspaceId) {
        return jdbc.sql(SELECT + " where workspace_id = :workspace and status <> 'disconnected' order by created_at desc")
                .param("workspace", workspaceId).query(Connections::connection).list();
    }

    /** Active connections of other workspaces to the same provider account. */
    List<Connection> activeElsewhere(ProviderId provider, String account, UUID workspaceId) {
        return jdbc.sql(SELECT + " where provider = :provider and account = :account and workspace_id <> :workspace"
                        + " and status <> 'disconnected'")
                .param("provider", provider.wireName()).param("account", account).param("workspace", workspaceId)
                .query(Connections::connection).list();
    }

    /** The most recent connection of this workspace to this account, to reuse when reconnecting later. */
    Optional<Connection> latestFor(UUID workspaceId, ProviderId provider, String account) {
        return jdbc.sql(SELECT + " where workspace_id = :workspace and provider = :provider and account = :account"
                        + " order by created_at desc fetch first 1 rows only")
                .param("workspace", workspaceId).param("provider", provider.wireName()).param("account", account)
                .query(Connections::connection).optional();
    }

    /** The active Intercom connection for an Intercom workspace (webhooks name it by {@code app_id}). */
    public Optional<Connection> activeByAccount(ProviderId provider, String account) {
        return jdbc.sql(SELECT + " where provider = :provider and account = :account and status <> 'disconnected'"
                        + " order by created_at desc fetch first 1 rows only")
                .param("provider", provider.wireName()).param("account", account)
                .query(Connections::connection).optional();
    }

    /** Connected or paused connections whose access token expires before the given time. */
    List<UUID> dueForRefresh(Instant before) {
        return jdbc.sql("""
                        select id from connection where status in ('connected', 'paused') and refresh_token is not null
                        and access_expires_at is not null and access_expires_at <= :before""")
                .param("before", Timestamp.from(before))
                .query(UUID.class)
                .list();
    }

    /**
     * Connections with a token whose desk's zone was never read (made before Deskloop read it), at most {@code limit}:
     * those never tried first, then those whose last failed try is oldest, so desks that keep failing wait behind
     * the others instead of holding them up.
     */
    List<Connection> deskZoneUnread(int limit) {
        return jdbc.sql(SELECT + " where status in ('connected', 'paused') and access_token is not null"
                        + " and not account_zone_read order by account_zone_tried_at nulls first, created_at, id"
                        + " limit :limit")
                .param("limit", limit).query(Connections::connection).list();
    }

    /** Records that the desk's zone could not be read for a connection now; it is tried again after the others. */
    void deskZoneFailed(UUID id) {
        jdbc.sql("update connection set account_zone_tried_at = :now where id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", id)
                .update();
    }

    /** Stores the desk's zone (null: it names none) read for a connection made before zones were read. */
    void deskZoneRead(UUID id, ZoneId zone) {
        jdbc.sql("update connection set account_zone = :zone, account_zone_read = true where id = :id")
                .param("zone", zone == null ? null : zone.getId(), Types.VARCHAR).param("id", id)
                .update();
    }

    /** Locks the workspace row so that only one connect flow at a time can decide about its active connection. */
    void lockWorkspace(UUID workspaceId) {
        jdbc.sql("select id from workspace where id = :id for update").param("id", workspaceId).query(UUID.class).list();
    }

    /** Locks one connection row (token refresh, state changes) until the transaction ends. */
    Optional<Connection> lock(UUID id) {
        return jdbc.sql(SELECT + " where id = :id for update").param("id", id).query(Connections::connection).optional();
    }

    UUID insertPending(UUID workspaceId, ProviderId provider, String account) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into connection (id, workspace_id, provider, status, account, created_at, updated_at)
                        values (:id, :workspace, :provider, 'pending', :account, :now, :now)""")
                .param("id", id).param("workspace", workspaceId).param("provider", provider.wireName())
                .param("account", account).param("now", now)
                .update();
        return id;
    }

    void delete(UUID id) {
        change(id, "delete from connection where id = :id").param("id", id).update();
    }

    /**
     * Marks the pending rows of the workspace created before {@code before} disconnected: each is a connect flow that
     * stopped half-way (a crash or a restart) and holds no secrets. Deliveries it may have received are then let go
     * instead of being held forever.
     */
    void abandonPending(UUID workspaceId, Instant before) {
        List<UUID> stale = jdbc.sql("""
                        select id from connection where workspace_id = :workspace and status = 'pending'
                        and created_at < :before""")
                .param("workspace", workspaceId).param("before", Timestamp.from(before))
                .query(UUID.class).list();
        Timestamp now = Timestamp.from(clock.instant());
        for (UUID id : stale) {
            change(id, """
                            update connection set status = 'disconnected', last_error = :error, last_error_at = :now,
                                disconnected_at = :now, updated_at = :now
                            where id = :id and status = 'pending'""")
                    .param("error", "The connect flow did not finish.").param("now", now).param("id", id)
                    .update();
        }
    }

    /**
     * Stores a fresh grant, identity and registration and marks the connection connected. With {@code fromPending}
     * only a row still pending is changed: false when the row was abandoned meanwhile (see {@link #abandonPending}).
     */
    boolean connected(UUID id, boolean fromPending, AccountIdentity identity, OAuthGrant grant,
                      WebhookRegistration registration) {
        Instant now = clock.instant();
        return change(id, """
                        update connection set status = 'connected', account = :account, account_name = :name,
                            acting_user_id = :acting, account_zone = :zone, account_zone_read = true,
                            access_token = :access,
                            refresh_token = :refresh, signing_secret = :secret, access_expires_at = :accessExpires,
                            refresh_expires_at = :refreshExpires, webhook_id = :webhook, trigger_ids = :triggers,
                            connected_at = :now, disconnected_at = null, last_error = null, last_error_at = null,
                            updated_at = :now
                        where id = :id and (status = 'pending' or not :fromPending)""")
                .param("fromPending", fromPending).param("account", identity.accountKey())
                .param("name", identity.accountName()).param("acting", identity.actingUserId())
                .param("zone", identity.zone() == null ? null : identity.zone().getId(), Types.VARCHAR)
                .param("access", seal(id, "access_token", grant.accessToken()), Types.BINARY)
                .param("refresh", seal(id, "refresh_token", grant.refreshToken()), Types.BINARY)
                .param("secret", seal(id, "signing_secret", registration.signingSecret()), Types.BINARY)
                .param("accessExpires", timestamp(grant.accessExpiresAt()), Types.TIMESTAMP)
                .param("refreshExpires", timestamp(grant.refreshExpiresAt()), Types.TIMESTAMP)
                .param("webhook", registration.webhookId())
                .param("triggers", registration.triggerIds().isEmpty() ? null : String.join(",", registration.triggerIds()))
                .param("now", Timestamp.from(now)).param("id", id)
                .update() == 1;
    }

    /** Replaces the tokens after a refresh (Zendesk rotates both). */
    void refreshed(UUID id, OAuthGrant grant) {
        change(id, """
                        update connection set access_token = :access, refresh_token = :refresh,
                            access_expires_at = :accessExpires, refresh_expires_at = :refreshExpires, updated_at = :now
                        where id = :id""")
                .param("access", seal(id, "access_token", grant.accessToken()), Types.BINARY)
                .param("refresh", seal(id, "refresh_token", grant.refreshToken()), Types.BINARY)
                .param("accessExpires", timestamp(grant.accessExpiresAt()), Types.TIMESTAMP)
                .param("refreshExpires", timestamp(grant.refreshExpiresAt()), Types.TIMESTAMP)
                .param("now", Timestamp.from(clock.instant())).param("id", id)
                .update();
    }

    void status(UUID id, ConnectionStatus status) {
        change(id, "update connection set status = :status, updated_at = :now where id = :id")
                .param("status", status.wireName()).param("now", Timestamp.from(clock.instant())).param("id", id)
                .update();
    }

    void failed(UUID id, String error) {
        Timestamp now = Timestamp.from(clock.instant());
        change(id, """
                        update connection set status = 'connection_error', last_error = :error, last_error_at = :now,
                            updated_at = :now
                        where id = :id""")
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error).param("now", now)
                .param("id", id)
                .update();
    }

    /**
     * Marks the connection disconnected and forgets its secrets; everything else stays. The ids of its webhook and
     * triggers are forgotten too once they were removed at the provider, and kept when that failed.
     */
    void disconnected(UUID id, boolean registrationRemoved) {
        Timestamp now = Timestamp.from(clock.instant());
        change(id, """
                        update connection set status = 'disconnected', access_token = null, refresh_token = null,
                            signing_secret = null, access_expires_at = null, refresh_expires_at = null,
                            webhook_id = case when :removed then null else webhook_id end,
                            trigger_ids = case when :removed then null else trigger_ids end,
                            disconnected_at = :now, updated_at = :now
                        where id = :id""")
                .param("now", now).param("removed", registrationRemoved).param("id", id)
                .update();
    }

    Secrets secrets(UUID id) {
        return jdbc.sql("select access_token, refresh_token, signing_secret from connection where id = :id")
                .param("id", id)
                .query((rs, row) -> new Secrets(
                        open(id, "access_token", rs.getBytes("access_token")),
                        open(id, "refresh_token", rs.getBytes("refresh_token")),
                        open(id, "signing_secret", rs.getBytes("signing_secret"))))
                .optional()
                .orElseThrow(() -> new IllegalStateException("connection " + id + " vanished"));
    }

    /** The stored webhook signing secret, read now (the webhook endpoint itself uses {@link #receiver}). */
    public Optional<String> signingSecret(UUID id) {
        return receiver(id, true).map(WebhookReceiver::signingSecret);
    }

    /** The access token alone, for the provider calls that need nothing else. */
    String accessToken(UUID id) {
        return secret(id, "access_token");
    }

    private String secret(UUID id, String column) {
        // column is one of SECRET_COLUMNS, never input
        List<byte[]> sealed = jdbc.sql("select " + column + " from connection where id = :id")
                .param("id", id)
                .query((rs, row) -> rs.getBytes(1))
                .list();
        if (sealed.isEmpty()) {
            throw new IllegalStateException("connection " + id + " vanished");
        }
        return open(id, column, sealed.getFirst());
    }

    @Override
    public int reEncrypt(TokenCipher current) {
        int rewritten = 0;
        List<UUID> ids = jdbc.sql("select id from connection").query(UUID.class).list();
        for (UUID id : ids) {
            for (String column : SECRET_COLUMNS) {
                byte[] sealed = jdbc.sql("select " + column + " from connection where id = :id").param("id", id)
                        .query((rs, row) -> rs.getBytes(1)).optional().orElse(null);
                if (sealed != null && reEncrypt(current, id, column, sealed)) {
                    rewritten++;
                }
            }
        }
        return rewritten;
    }

    /**
     * Rewrites one secret column, read as {@code sealed}, under the primary key; false when it changed since it was
     * read: a token refreshed while the rotation ran must not be set back to the old one.
     */
    boolean reEncrypt(TokenCipher current, UUID id, String column, byte[] sealed) {
        // column is one of SECRET_COLUMNS, never input
        String plain = current.decrypt(sealed, associatedData(id, column));
        return change(id, "update connection set " + column + " = :value where id = :id and " + column + " = :old")
                .param("value", current.encrypt(plain, associatedData(id, column)), Types.BINARY)
                .param("id", id).param("old", sealed, Types.BINARY)
                .update() == 1;
    }

    private byte[] seal(UUID id, String column, String value) {
        return value == null ? null : cipher.encrypt(value, associatedData(id, column));
    }

    private String open(UUID id, String column, byte[] value) {
        return value == null ? null : cipher.decrypt(value, associatedData(id, column));
    }

    static String associatedData(UUID id, String column) {
        return "connection:" + id + ":" + column;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static final String SELECT = """
            select id, workspace_id, provider, status, account, account_name, acting_user_id, access_expires_at,
                   refresh_expires_at, webhook_id, trigger_ids, connected_at, disconnected_at, last_error,
                   last_error_at, created_at, updated_at, scope_filter
            from connection""";

    private static final String SELECT_WITH_SIGNING_SECRET =
            SELECT.replace("\nfrom connection", ", signing_secret\nfrom connection");

    private static Connection connection(ResultSet rs, int row) throws SQLException {
        String triggers = rs.getString("trigger_ids");
        return new Connection(
                rs.getObject("id", UUID.class),
                rs.getObject("workspace_id", UUID.class),
                ProviderId.fromWireName(rs.getString("provider")).orElseThrow(),
                ConnectionStatus.fromWireName(rs.getString("status")),
                rs.getString("account"),
                rs.getString("account_name"),
                rs.getString("acting_user_id"),
                instant(rs, "access_expires_at"),
                instant(rs, "refresh_expires_at"),
                rs.getString("webhook_id"),
                triggers == null || triggers.isBlank() ? List.of() : Arrays.asList(triggers.split(",")),
                instant(rs, "connected_at"),
                instant(rs, "disconnected_at"),
                rs.getString("last_error"),
                instant(rs, "last_error_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getString("scope_filter"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The decrypted secrets of one connection; never logged or shown. */
    record Secrets(String accessToken, String refreshToken, String signingSecret) {
        @Override
        public String toString() {
            return "Secrets[<redacted>]";
        }
    }
}
