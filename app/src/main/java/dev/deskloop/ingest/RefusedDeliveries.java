package dev.deskloop.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.deskloop.connection.Connection;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.platform.jobs.JobsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts the deliveries the endpoint refused for a known connection, so that the Deliveries page can show them
 * although their bodies are never stored.
 *
 * <p>A flood of forged or broken deliveries must neither grow the database nor slow the endpoint down, so nothing is
 * stored per delivery: the database holds one {@code delivery_tally} row per connection and outcome (a count, the
 * first and last time, the last reason cut to {@value #REASON_LENGTH} characters), and a refused delivery only adds
 * to an in-memory tally. The tally is written when its connection and outcome were not written for
 * {@link #WRITE_INTERVAL}, so one such row costs at most one or two statements every few seconds whatever the rate;
 * the first refusal is written at once. Keys are connections that exist (an unknown address is answered 404 before
 * anything is counted), so the memory is bounded by the number of connections, and capped besides. What is still in
 * memory is written every {@link #WRITE_INTERVAL} by a timer of the running instance, when this instance's page is
 * read, and when the instance stops; so with several instances the tail of a burst counted by another instance
 * appears within a few seconds.
 */
@Component
public class RefusedDeliveries implements SmartLifecycle {

    /** How often one connection and outcome is written at most while deliveries keep being refused. */
    static final Duration WRITE_INTERVAL = Duration.ofSeconds(5);
    static final int REASON_LENGTH = 200;
    private static final int MAX_TALLIES = 10_000;
    private static final Logger log = LoggerFactory.getLogger(RefusedDeliveries.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean timer;
    private final ConcurrentHashMap<Key, Tally> tallies = new ConcurrentHashMap<>();
    private ScheduledExecutorService writer;
    private volatile boolean running;

    RefusedDeliveries(JdbcClient jdbc, Clock clock, JobsSettings jobs, @Value("${deskloop.command:serve}") String command) {
        this.jdbc = jdbc;
        this.clock = clock;
        // Tests (manual job queue) drive time themselves and call writeDue() when they mean to.
        this.timer = !jobs.manual() && "serve".equals(command);
    }

    /** Counts one refused delivery; never fails the request it is called from. */
    void count(Connection connection, RefusedDelivery.Outcome outcome, String reason) {
        Instant now = clock.instant();
        Key key = new Key(connection.id(), outcome);
        String cleaned = clean(reason);
        tallies.compute(key, (k, tally) -> (tally == null ? Tally.none(connection) : tally).plus(now, cleaned));
        write(key, now, false);
        if (tallies.size() > MAX_TALLIES) {
            writeAll(null);
            // Forgets when the written keys were written; a value changed meanwhile is kept (removal compares it).
            tallies.values().removeIf(tally -> tally.pending() == 0);
        }
    }

    /** The refused deliveries of a workspace, the latest first; writes what this instance still holds first. */
    public List<RefusedDelivery> of(UUID workspaceId) {
        writeAll(workspaceId);
        return jdbc.sql("""
                        select connection_id, provider, outcome, refused, first_at, last_at, last_reason
                        from delivery_tally where workspace_id = :workspace order by last_at desc, outcome""")
                .param("workspace", workspaceId)
                .query((rs, row) -> new RefusedDelivery(rs.getObject("connection_id", UUID.class),
                        ProviderId.fromWireName(rs.getString("provider")).orElseThrow(),
                        RefusedDelivery.Outcome.fromWireName(rs.getString("outcome")), rs.getLong("refused"),
                        rs.getObject("first_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("last_at", OffsetDateTime.class).toInstant(), rs.getString("last_reason")))
                .list();
    }

    /** Writes every tally whose connection and outcome were not written for {@link #WRITE_INTERVAL}. */
    void writeDue() {
        Instant now = clock.instant();
        tallies.keySet().forEach(key -> write(key, now, false));
    }

    @Override
    public void start() {
        running = true;
        if (timer) {
            writer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("refusal-tallies").daemon()
                    .factory());
            long period = WRITE_INTERVAL.toMillis();
            writer.scheduleWithFixedDelay(this::writeDue, period, period, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.shutdownNow();
            writer = null;
        }
        writeAll(null);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void writeAll(UUID workspaceId) {
        Instant now = clock.instant();
        tallies.forEach((key, tally) -> {
            if (workspaceId == null || workspaceId.equals(tally.workspaceId())) {
                write(key, now, true);
            }
        });
    }

    /** Takes what is pending for the key (when due, or always when forced) and adds it to the stored row. */
    private void write(Key key, Instant now, boolean force) {
        Tally[] taken = new Tally[1];
        tallies.computeIfPresent(key, (k, tally) -> {
            if (tally.pending() == 0 || !force && !tally.due(now)) {
                return tally;
            }
            taken[0] = tally;
            return tally.written(now);
        });
        if (taken[0] == null) {
            return;
        }
        try {
            if (!add(key, taken[0])) {
                try {
                    insert(key, taken[0]);
                } catch (DuplicateKeyException inserted) {
                    add(key, taken[0]);
                }
            }
        } catch (DataAccessException e) {
            // The count is informational (the refusal is also metered and audited): losing it beats failing the answer.
            log.warn("Could not count {} deliveries of connection {}: {}", key.outcome().wireName(), key.connectionId(),
                    e.getMessage());
        }
    }

    private boolean add(Key key, Tally tally) {
        return jdbc.sql("""
                        update delivery_tally set refused = refused + :count, last_at = :last, last_reason = :reason
                        where connection_id = :connection and outcome = :outcome""")
                .param("count", tally.pending()).param("last", Timestamp.from(tally.lastAt()))
                .param("reason", tally.lastReason()).param("connection", key.connectionId())
                .param("outcome", key.outcome().wireName())
                .update() == 1;
    }

    private void insert(Key key, Tally tally) {
        jdbc.sql("""
                        insert into delivery_tally (connection_id, outcome, workspace_id, provider, refused, first_at,
                                                    last_at, last_reason)
                        values (:connection, :outcome, :workspace, :provider, :count, :first, :last, :reason)""")
                .param("connection", key.connectionId()).param("outcome", key.outcome().wireName())
                .param("workspace", tally.workspaceId()).param("provider", tally.provider().wireName())
                .param("count", tally.pending()).param("first", Timestamp.from(tally.firstAt()))
                .param("last", Timestamp.from(tally.lastAt())).param("reason", tally.lastReason())
                .update();
    }

    /** Control characters become spaces and the text is cut, so that a sender cannot fill the page or the row. */
    static String clean(String reason) {
        if (reason == null) {
            return null;
        }
        String flat = reason.replaceAll("\\p{Cntrl}", " ").strip();
        if (flat.length() <= REASON_LENGTH) {
            return flat;
        }
        int end = Character.isHighSurrogate(flat.charAt(REASON_LENGTH - 2)) ? REASON_LENGTH - 2 : REASON_LENGTH - 1;
        return flat.substring(0, end) + "…";
    }

    private record Key(UUID connectionId, RefusedDelivery.Outcome outcome) {
    }

    /** Refusals counted since the last write ({@code pending}), and when the key was last written. */
    private record Tally(UUID workspaceId, ProviderId provider, long pending, Instant firstAt, Instant lastAt,
                         String lastReason, Instant writtenAt) {

        static Tally none(Connection connection) {
            return new Tally(connection.workspaceId(), connection.provider(), 0, null, null, null, null);
        }

        Tally plus(Instant at, String reason) {
            return new Tally(workspaceId, provider, pending + 1, pending == 0 ? at : firstAt, at, reason, writtenAt);
        }

        boolean due(Instant now) {
            return writtenAt == null || !writtenAt.plus(WRITE_INTERVAL).isAfter(now);
        }

        Tally written(Instant at) {
            return new Tally(workspaceId, provider, 0, null, null, null, at);
        }
    }
}
