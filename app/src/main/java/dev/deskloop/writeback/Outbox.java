package dev.deskloop.writeback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.helpdesk.HelpdeskWrite;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.platform.NotFoundException;
import dev.deskloop.platform.Refusal;
import dev.deskloop.platform.jobs.Jobs;
import dev.deskloop.workspace.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every write into a ticket goes through here, exactly once: a row per idempotency key, delivered by the
 * {@code deliver-outbox} job that is scheduled in the same transaction.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final ObjectProvider<Jobs> jobs;
    private final AuditLog audit;
    private final Clock clock;

    /** {@code jobs} is looked up when used: the job queue is built from the tasks this module defines. */
    Outbox(JdbcClient jdbc, ObjectProvider<Jobs> jobs, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
    }

    /** Enqueues unless the key exists; joins the caller's transaction; returns true if new. */
    @Transactional
    public boolean enqueue(OutboxRequest request) {
        UUID id = UUID.randomUUID();
        // "on conflict do nothing" rather than catching the unique violation: PostgreSQL would abort the caller's
        // transaction on the violation.
        int inserted = jdbc.sql("""
                        insert into outbox (id, workspace_id, connection_id, ticket_id, purpose, idempotency_key,
                            payload, status, attempts, created_at)
                        values (:id, :workspace, :connection, :ticket, :purpose, :key, :payload, 'pending', 0, :now)
                        on conflict do nothing""")
                .param("id", id).param("workspace", request.workspaceId())
                .param("connection", request.connectionId()).param("ticket", request.ticketId())
                .param("purpose", request.purpose()).param("key", request.idempotencyKey())
                .param("payload", OutboxPayloads.write(request.write()))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            return false;
        }
        jobs.getObject().scheduleNew(OutboxDelivery.instance(id));
        return true;
    }

    /** The writes for one ticket of the workspace, oldest first. */
    public List<OutboxEntry> ofTicket(UUID workspaceId, UUID ticketId) {
        return jdbc.sql(SELECT + " where workspace_id = :workspace and ticket_id = :ticket order by created_at, id")
                .param("workspace", workspaceId).param("ticket", ticketId).query(Outbox::entry).list();
    }

    public Optional<OutboxEntry> byKey(String idempotencyKey) {
        return jdbc.sql(SELECT + " where idempotency_key = :key").param("key", idempotencyKey)
                .query(Outbox::entry).optional();
    }

    /** A person gives a dead write a fresh set of attempts. */
    @Transactional
    public void retry(Caller caller, UUID outboxId) {
        caller.requireWriter();
        OutboxEntry entry = jdbc.sql(SELECT + " where id = :id and workspace_id = :workspace").param("id", outboxId)
                .param("workspace", caller.workspaceId()).query(Outbox::entry).optional()
                .orElseThrow(() -> new NotFoundException("Write"));
        // Attempts start again; those made so far are kept apart, so that the write is looked for before it is resent.
        int revived = jdbc.sql("""
                        update outbox set status = 'pending', earlier_attempts = earlier_attempts + attempts,
                            attempts = 0, next_attempt_at = null
                        where id = :id and status = 'dead'""")
                .param("id", outboxId).update();
        if (revived == 0) {
            throw new Refusal("Only dead writes can be retried; this one is " + entry.status().wireName() + ".");
        }
        jobs.getObject().scheduleNow(OutboxDelivery.instance(outboxId));
        audit.record(caller.workspaceId(), caller.email(), "writeback.retried", entry.purpose() + " " + entry.idempotencyKey(),
                "after " + entry.attempts() + " attempts: " + entry.lastError());
    }

    /** The visible marker of a row: "Deskloop ref" and the first twelve hex digits of its id. */
    static String marker(UUID id) {
        return "Deskloop ref " + id.toString().replace("-", "").substring(0, 12);
    }

    Optional<OutboxEntry> byId(UUID id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(Outbox::entry).optional();
    }

    HelpdeskWrite payload(UUID id) {
        return OutboxPayloads.read(jdbc.sql("select payload from outbox where id = :id").param("id", id)
                .query(String.class).single());
    }

    /** Writes sent for a connection since {@code since}: how many, and when the oldest of them was sent. */
    Sends sentSince(UUID connectionId, Instant since) {
        return jdbc.sql("""
                        select count(*) as sends, min(sent_at) as oldest from outbox
                        where connection_id = :connection and sent_at > :since""")
                .param("connection", connectionId).param("since", Timestamp.from(since))
                .query((rs, row) -> new Sends(rs.getInt("sends"), instant(rs, "oldest"))).single();
    }

    /** Writes sent since {@code since} over every connection of one provider (limits shared by all of them). */
    Sends sentSince(ProviderId provider, Instant since) {
        return jdbc.sql("""
                        select count(*) as sends, min(o.sent_at) as oldest from outbox o
                        join connection c on c.id = o.connection_id
                        where o.sent_at > :since and c.provider = :provider""")
                .param("since", Timestamp.from(since)).param("provider", provider.wireName())
                .query((rs, row) -> new Sends(rs.getInt("sends"), instant(rs, "oldest"))).single();
    }

    /** Counts an attempt before the provider is called, so that a crash afterwards is known to the next run. */
    void attempting(UUID id) {
        jdbc.sql("update outbox set attempts = attempts + 1 where id = :id").param("id", id).update();
    }

    void sent(UUID id, String providerRef) {
        jdbc.sql("""
                        update outbox set status = 'sent', provider_ref = :ref, sent_at = :now, next_attempt_at = null
                        where id = :id""")
                .param("ref", cut(providerRef, 100)).param("now", Timestamp.from(clock.instant())).param("id", id)
                .update();
    }

    /** Waits for the provider (rate limit) or for pacing; {@code refund} gives back the attempt just counted. */
    void later(UUID id, String reason, Instant at, boolean refund) {
        jdbc.sql("update outbox set status = 'pending', last_error = :note, next_attempt_at = :next"
                        + (refund ? ", attempts = attempts - 1" : "") + " where id = :id")
                .param("note", cut(reason, 1000)).param("next", Timestamp.from(at)).param("id", id).update();
    }

    void waiting(UUID id, String reason) {
        jdbc.sql("update outbox set status = 'waiting', last_error = :note, next_attempt_at = null where id = :id")
                .param("note", cut(reason, 1000)).param("id", id).update();
    }

    void dead(UUID id, String error) {
        jdbc.sql("update outbox set status = 'dead', last_error = :error, next_attempt_at = null where id = :id")
                .param("error", cut(error, 1000)).param("id", id).update();
    }

    /** Ids of writes kept for a connection until it works again. */
    List<UUID> waitingFor(UUID connectionId) {
        return jdbc.sql("select id from outbox where connection_id = :connection and status = 'waiting' order by created_at")
                .param("connection", connectionId).query(UUID.class).list();
    }

    /**
     * Ids of writes that are stuck although their connection is connected: kept waiting by a job that read the
     * connection's old status just as it came back, or put back in line while the job that had set them waiting still
     * existed, so that no new job was scheduled for them.
     */
    List<UUID> stuckForConnectedConnections() {
        return jdbc.sql("""
                        select o.id from outbox o join connection c on c.id = o.connection_id
                        where c.status = 'connected' and (o.status = 'waiting' or (o.status = 'pending'
                            and not exists (select 1 from scheduled_tasks s
                                            where s.task_name = :task and s.task_instance = cast(o.id as varchar(36)))))
                        order by o.created_at""")
                .param("task", OutboxDelivery.TASK.getTaskName()).query(UUID.class).list();
    }

    /** Puts a waiting write back in line; false when it is no longer waiting. */
    boolean requeue(UUID id) {
        return jdbc.sql("update outbox set status = 'pending', next_attempt_at = null where id = :id and status = 'waiting'")
                .param("id", id).update() == 1;
    }

    record Sends(int count, Instant oldest) {
    }

    private static String cut(String value, int max) {
        return value == null ? null : value.length() > max ? value.substring(0, max) : value;
    }

    private static final String SELECT = """
            select id, workspace_id, connection_id, ticket_id, purpose, idempotency_key, status, attempts,
                   earlier_attempts, last_error, provider_ref, created_at, sent_at, next_attempt_at
            from outbox""";

    private static OutboxEntry entry(ResultSet rs, int row) throws SQLException {
        return new OutboxEntry(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getObject("connection_id", UUID.class), rs.getObject("ticket_id", UUID.class),
                rs.getString("purpose"), rs.getString("idempotency_key"),
                OutboxStatus.fromWireName(rs.getString("status")), rs.getInt("attempts"), rs.getInt("earlier_attempts"),
                rs.getString("last_error"),
                rs.getString("provider_ref"), instant(rs, "created_at"), instant(rs, "sent_at"),
                instant(rs, "next_attempt_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
