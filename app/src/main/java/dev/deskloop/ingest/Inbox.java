package dev.deskloop.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.deskloop.helpdesk.ProviderId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The inbox of webhook deliveries: one row per provider event, with its raw payload and its processing state. */
@Component
public class Inbox {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /** When this instance last claimed a delivery of each connection, as a count of claims: turns go to the others. */
    private final Map<UUID, Long> lastServed = new HashMap<>();
    private long turns;

    Inbox(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Claims up to {@code limit} received deliveries for this instance until {@code until}; returns the ids it got, in
     * the order of {@link #nextInLine}. Instances claiming at the same moment never get the same delivery: a row is
     * claimed only while still {@code received}, and a concurrent claimer's update finds it no longer is.
     */
    synchronized List<UUID> claim(int limit, Instant until) {
        List<Candidate> candidates = nextInLine(limit);
        if (candidates.isEmpty()) {
            return List.of();
        }
        Timestamp lease = Timestamp.from(until);
        int[] updated = transaction.execute(tx -> batch.batchUpdate(
                "update inbox set status = 'claimed', next_attempt_at = ? where id = ? and status = 'received'",
                candidates.stream().map(candidate -> new Object[] {lease, candidate.id()}).toList()));
        List<UUID> claimed = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            if (updated[i] == 1) {
                Candidate candidate = candidates.get(i);
                claimed.add(candidate.id());
                if (candidate.connectionId() != null) {
                    lastServed.put(candidate.connectionId(), ++turns);
                }
            }
        }
        return claimed;
    }

    /** A received delivery next in line, with its connection when the delivery was picked for its connection's turn. */
    private record Candidate(UUID id, UUID connectionId) {
    }

    /** A connection with received deliveries, and when the oldest of them arrived. */
    private record Waiting(UUID connectionId, Instant oldest) {
    }

    /**
     * The next {@code limit} received deliveries, taking turns between connections. The connection this instance
     * served least recently goes first (one never served before any other; between equals, the one whose oldest
     * delivery has waited longest), then the next, each giving its oldest delivery; then each gives its second
     * oldest, and so on. So a connection with a backlog of thousands (a bulk import, a replay) delays another
     * connection's new ticket by about one delivery, not by its whole backlog, even when the drain claims one delivery
     * at a time. Deliveries whose connection has no row (none is expected: see V12) come after, oldest first, so that
     * nothing stays behind.
     *
     * <p>Costs one query over the connection table (an index lookup each), one indexed query per connection taking
     * a turn (at most {@code limit}), and one more when fewer than {@code limit} deliveries were found.
     */
    private List<Candidate> nextInLine(int limit) {
        List<Waiting> waiting = new ArrayList<>(jdbc.sql("""
                        select id, oldest from (
                            select c.id, (select min(i.received_at) from inbox i
                                          where i.connection_id = c.id and i.status = 'received') as oldest
                            from connection c) w
                        where oldest is not null""")
                .query((rs, row) -> new Waiting(rs.getObject("id", UUID.class), instant(rs, "oldest"))).list());
        waiting.sort(Comparator.comparingLong((Waiting w) -> lastServed.getOrDefault(w.connectionId(), 0L))
                .thenComparing(Waiting::oldest).thenComparing(Waiting::connectionId));
        List<List<UUID>> queues = new ArrayList<>();
        for (Waiting connection : waiting.subList(0, Math.min(limit, waiting.size()))) {
            queues.add(jdbc.sql("""
                            select id from inbox where connection_id = :connection and status = 'received'
                            order by received_at, id limit :limit""")
                    .param("connection", connection.connectionId()).param("limit", limit).query(UUID.class).list());
        }
        Map<UUID, Candidate> next = new LinkedHashMap<>();
        for (int turn = 0; next.size() < limit && turn < limit; turn++) {
            for (int q = 0; q < queues.size() && next.size() < limit; q++) {
                List<UUID> queue = queues.get(q);
                if (turn < queue.size()) {
                    next.put(queue.get(turn), new Candidate(queue.get(turn), waiting.get(q).connectionId()));
                }
            }
        }
        if (next.size() < limit) {
            for (UUID id : jdbc.sql("select id from inbox where status = 'received' order by received_at, id limit :limit")
                    .param("limit", limit).query(UUID.class).list()) {
                if (next.size() < limit) {
                    next.putIfAbsent(id, new Candidate(id, null));
                }
            }
        }
        return new ArrayList<>(next.values());
    }

    /** Puts deliveries whose claim lapsed (their instance stopped mid-way) back in line; returns how many. */
    int releaseLapsedClaims() {
        return jdbc.sql("update inbox set status = 'received', next_attempt_at = null where status = 'claimed' and next_attempt_at < :now")
                .param("now", Timestamp.from(clock.instant())).update();
    }

    /** Inserts a delivery; a second delivery of the same event violates the unique key (DuplicateKeyException). */
    UUID insert(UUID workspaceId, UUID connectionId, ProviderId provider, String eventId, String topic, byte[] payload,
                InboxStatus status, String note) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into inbox (id, workspace_id, connection_id, provider, event_id, topic, payload,
                                           received_at, status, last_error)
                        values (:id, :workspace, :connection, :provider, :event, :topic, :payload, :at, :status, :note)""")
                .param("id", id).param("workspace", workspaceId).param("connection", connectionId)
                .param("provider", provider.wireName()).param("event", eventId).param("topic", topic)
                .param("payload", payload, Types.BINARY).param("at", Timestamp.from(clock.instant()))
                .param("status", status.wireName()).param("note", note)
                .update();
        return id;
    }

    /**
     * Counts another delivery of a stored event on its row, leaving its processing state alone; false when no
     * delivery of the event is stored (committed) yet.
     */
    boolean duplicate(UUID connectionId, String eventId) {
        return jdbc.sql("""
                        update inbox set duplicates = duplicates + 1, last_duplicate_at = :at
                        where connection_id = :connection and event_id = :event""")
                .param("at", Timestamp.from(clock.instant())).param("connection", connectionId).param("event", eventId)
                .update() == 1;
    }

    public Optional<InboxEntry> byId(UUID id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(Inbox::entry).optional();
    }

    public Optional<InboxEntry> of(UUID workspaceId, UUID id) {
        return jdbc.sql(SELECT + " where id = :id and workspace_id = :workspace").param("id", id)
                .param("workspace", workspaceId).query(Inbox::entry).optional();
    }

    byte[] payload(UUID id) {
        return jdbc.sql("select payload from inbox where id = :id").param("id", id)
                .query((rs, row) -> rs.getBytes(1)).single();
    }

    /** The newest deliveries of a workspace, optionally of one status. */
    public List<InboxEntry> recent(UUID workspaceId, InboxStatus status, int limit) {
        return jdbc.sql(SELECT + " where workspace_id = :workspace"
                        + (status == null ? "" : " and status = :status")
                        + " order by received_at desc, id limit :limit")
                .param("workspace", workspaceId).param("status", status == null ? null : status.wireName())
                .param("limit", limit)
                .query(Inbox::entry).list();
    }

    /** The newest deliveries of a workspace that arrived more than once, the latest duplicate first. */
    public List<InboxEntry> duplicated(UUID workspaceId, int limit) {
        return jdbc.sql(SELECT + " where workspace_id = :workspace and duplicates > 0"
                        + " order by last_duplicate_at desc, id limit :limit")
                .param("workspace", workspaceId).param("limit", limit)
                .query(Inbox::entry).list();
    }

    /** How many deliveries of a workspace are in each status, and how many duplicates they got, in one query. */
    public InboxCounts counts(UUID workspaceId) {
        Map<InboxStatus, Long> byStatus = new EnumMap<>(InboxStatus.class);
        long[] duplicates = {0};
        jdbc.sql("""
                        select status, count(*) as deliveries, coalesce(sum(duplicates), 0) as duplicates from inbox
                        where workspace_id = :workspace group by status""")
                .param("workspace", workspaceId)
                .query(rs -> {
                    byStatus.put(InboxStatus.fromWireName(rs.getString("status")), rs.getLong("deliveries"));
                    duplicates[0] += rs.getLong("duplicates");
                });
        return new InboxCounts(byStatus, duplicates[0]);
    }

    /** Ids of deliveries held for a connection (paused, or waiting for a reconnect). */
    List<UUID> held(UUID connectionId) {
        return jdbc.sql("select id from inbox where connection_id = :connection and status = 'held' order by received_at")
                .param("connection", connectionId).query(UUID.class).list();
    }

    /**
     * Ids of deliveries held although their connection is connected: held by a worker that read the connection's old
     * status just as it was resumed or reconnected, after the resume had put the held ones back in line.
     */
    List<UUID> heldForConnectedConnections() {
        return jdbc.sql("""
                        select i.id from inbox i join connection c on c.id = i.connection_id
                        where c.status = 'connected' and i.status = 'held' order by i.received_at""")
                .query(UUID.class).list();
    }

    void finish(UUID id, InboxStatus status, String note) {
        jdbc.sql("""
                        update inbox set status = :status, last_error = :note, processed_at = :at, next_attempt_at = null
                        where id = :id""")
                .param("status", status.wireName()).param("note", cut(note)).param("at", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
    }

    void hold(UUID id, String reason) {
        jdbc.sql("update inbox set status = 'held', last_error = :note, next_attempt_at = null where id = :id")
                .param("note", cut(reason)).param("id", id).update();
    }

    /** Puts a held delivery back in line; false when it is no longer held (finished meanwhile). */
    boolean requeue(UUID id) {
        return jdbc.sql("update inbox set status = 'received', next_attempt_at = null where id = :id and status = 'held'")
                .param("id", id).update() == 1;
    }

    int attempts(UUID id) {
        return jdbc.sql("select attempts from inbox where id = :id").param("id", id).query(Integer.class).single();
    }

    /** Records the failed attempt number {@code attempts} and when the next one is due. */
    void failed(UUID id, int attempts, String error, Instant nextAttempt) {
        jdbc.sql("""
                        update inbox set status = 'processing', attempts = :attempts, last_error = :error,
                            next_attempt_at = :next
                        where id = :id""")
                .param("attempts", attempts).param("error", cut(error)).param("next", Timestamp.from(nextAttempt))
                .param("id", id).update();
    }

    void waiting(UUID id, String reason, Instant until) {
        jdbc.sql("update inbox set status = 'processing', last_error = :note, next_attempt_at = :next where id = :id")
                .param("note", cut(reason)).param("next", Timestamp.from(until)).param("id", id).update();
    }

    void dead(UUID id, int attempts, String error) {
        jdbc.sql("""
                        update inbox set status = 'dead', attempts = :attempts, last_error = :error, next_attempt_at = null
                        where id = :id""")
                .param("attempts", attempts).param("error", cut(error)).param("id", id).update();
    }

    /** Gives a dead delivery a fresh set of attempts. */
    boolean revive(UUID id) {
        return jdbc.sql("update inbox set status = 'received', attempts = 0, next_attempt_at = null where id = :id and status = 'dead'")
                .param("id", id).update() == 1;
    }

    private static String cut(String value) {
        return value == null ? null : value.length() > 1000 ? value.substring(0, 1000) : value;
    }

    private static final String SELECT = """
            select id, workspace_id, connection_id, provider, event_id, topic, received_at, status, attempts,
                   last_error, next_attempt_at, processed_at, duplicates, last_duplicate_at
            from inbox""";

    private static InboxEntry entry(ResultSet rs, int row) throws SQLException {
        return new InboxEntry(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getObject("connection_id", UUID.class), ProviderId.fromWireName(rs.getString("provider")).orElseThrow(),
                rs.getString("event_id"), rs.getString("topic"), instant(rs, "received_at"),
                InboxStatus.fromWireName(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
                instant(rs, "next_attempt_at"), instant(rs, "processed_at"), rs.getInt("duplicates"),
                instant(rs, "last_duplicate_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
