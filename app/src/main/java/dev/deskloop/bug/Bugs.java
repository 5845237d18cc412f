package dev.deskloop.bug;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Bugs and their linked tickets as stored; reads are always scoped to one workspace. */
@Component
public class Bugs {

    private final JdbcClient jdbc;
    private final Clock clock;

    Bugs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The workspace's bugs, newest first; {@code status} null lists all. */
    public List<Bug> list(UUID workspaceId, BugStatus status) {
        return jdbc.sql(SELECT + " where b.workspace_id = :workspace"
                        + (status == null ? "" : " and b.status = :status") + " order by b.created_at desc, b.id")
                .param("workspace", workspaceId).param("status", status == null ? null : status.wireName())
                .query(Bugs::bug).list();
    }

    /** A bug of the workspace; another workspace's bug is simply not found. */
    public Optional<Bug> of(UUID workspaceId, UUID id) {
        return jdbc.sql(SELECT + " where b.workspace_id = :workspace and b.id = :id")
                .param("workspace", workspaceId).param("id", id).query(Bugs::bug).optional();
    }

    /** The tickets linked to a bug, oldest link first. */
    public List<LinkedTicket> tickets(UUID bugId) {
        return jdbc.sql("""
                        select bt.bug_id, bt.ticket_id, t.connection_id, t.provider, t.external_id, t.subject,
                               t.requester_name, t.requester_email, bt.similarity, bt.how, bt.linked_at
                        from bug_ticket bt join ticket t on t.id = bt.ticket_id
                        where bt.bug_id = :bug order by bt.linked_at, t.external_id""")
                .param("bug", bugId)
                .query((rs, row) -> new LinkedTicket(rs.getObject("bug_id", UUID.class),
                        rs.getObject("ticket_id", UUID.class), rs.getObject("connection_id", UUID.class),
                        rs.getString("provider"), rs.getString("external_id"), rs.getString("subject"),
                        rs.getString("requester_name"), rs.getString("requester_email"),
                        rs.getObject("similarity") == null ? null : rs.getDouble("similarity"), rs.getString("how"),
                        instant(rs, "linked_at")))
                .list();
    }

    /** The bug a ticket is linked to, if any. */
    public Optional<UUID> bugOf(UUID ticketId) {
        return jdbc.sql("select bug_id from bug_ticket where ticket_id = :ticket").param("ticket", ticketId)
                .query(UUID.class).optional();
    }

    /** One linked ticket's embedding in an open bug of the workspace with this service (null matches null). */
    record Candidate(UUID bugId, float[] embedding) {
    }

    List<Candidate> openCandidates(UUID workspaceId, String service) {
        return jdbc.sql("""
                        select b.id, bt.embedding from bug b join bug_ticket bt on bt.bug_id = b.id
                        where b.workspace_id = :workspace and b.status = 'open' and bt.embedding is not null"""
                        + (service == null ? " and b.affected_service is null" : " and b.affected_service = :service"))
                .param("workspace", workspaceId).param("service", service)
                .query((rs, row) -> new Candidate(rs.getObject("id", UUID.class),
                        Embeddings.fromBytes(rs.getBytes("embedding"))))
                .list();
    }

    /** A new open bug; similarity is judged against its linked tickets' embeddings, not a bug-level one. */
    UUID create(UUID workspaceId, String title, String service) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into bug (id, workspace_id, title, affected_service, status, created_at)
                        values (:id, :workspace, :title, :service, 'open', :now)""")
                .param("id", id).param("workspace", workspaceId).param("title", title).param("service", service)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return id;
    }

    /** Links a ticket; a ticket already linked anywhere makes this fail (DuplicateKeyException). */
    void link(UUID bugId, UUID ticketId, Double similarity, String how, float[] embedding) {
        jdbc.sql("""
                        insert into bug_ticket (bug_id, ticket_id, similarity, linked_at, how, embedding)
                        values (:bug, :ticket, :similarity, :now, :how, :embedding)""")
                .param("bug", bugId).param("ticket", ticketId).param("similarity", similarity, Types.DOUBLE)
                .param("now", Timestamp.from(clock.instant())).param("how", how)
                .param("embedding", embedding == null ? null : Embeddings.toBytes(embedding), Types.BINARY)
                .update();
    }

    /** Moves one ticket, or every ticket of {@code from} when {@code ticketId} is null, to another bug. */
    int move(UUID from, UUID to, UUID ticketId, String how) {
        return jdbc.sql("update bug_ticket set bug_id = :to, how = :how, linked_at = :now where bug_id = :from"
                        + (ticketId == null ? "" : " and ticket_id = :ticket"))
                .param("to", to).param("how", how).param("now", Timestamp.from(clock.instant()))
                .param("from", from).param("ticket", ticketId)
                .update();
    }

    /** Records that {@code otherId} was merged into {@code intoId}; bugs merged into {@code otherId} before follow. */
    void recordMerge(UUID workspaceId, UUID otherId, UUID intoId, Instant at) {
        jdbc.sql("update bug_merged set into_id = :into where into_id = :other")
                .param("into", intoId).param("other", otherId).update();
        jdbc.sql("insert into bug_merged (id, workspace_id, into_id, merged_at) values (:other, :w, :into, :at)")
                .param("other", otherId).param("w", workspaceId).param("into", intoId)
                .param("at", Timestamp.from(at)).update();
    }

    /** The bug a merged bug of the workspace went into, if {@code bugId} was merged away. */
    Optional<UUID> mergedInto(UUID workspaceId, UUID bugId) {
        return jdbc.sql("select into_id from bug_merged where id = :id and workspace_id = :w")
                .param("id", bugId).param("w", workspaceId).query(UUID.class).optional();
    }

    void delete(UUID bugId) {
        jdbc.sql("delete from bug where id = :id").param("id", bugId).update();
    }

    /** Marks an open bug fix-shipped; false when it was not open any more (shipped concurrently). */
    boolean ship(UUID bugId, String rca, String changeUrl, Instant at) {
        return jdbc.sql("""
                        update bug set status = 'fix_shipped', rca_text = :rca, change_url = :url, shipped_at = :at
                        where id = :id and status = 'open'""")
                .param("rca", rca).param("url", changeUrl).param("at", Timestamp.from(at)).param("id", bugId)
                .update() == 1;
    }

    /** Locks the bug row until the transaction ends, so that shipping, merging and linking do not interleave. */
    Optional<BugStatus> lock(UUID workspaceId, UUID bugId) {
        return jdbc.sql("select status from bug where id = :id and workspace_id = :workspace for update")
                .param("id", bugId).param("workspace", workspaceId)
                .query((rs, row) -> BugStatus.fromWireName(rs.getString(1)).orElseThrow()).optional();
    }

    private static final String SELECT = """
            select b.id, b.workspace_id, b.title, b.affected_service, b.status, b.rca_text, b.change_url, b.created_at,
                   b.shipped_at,
                   (select count(*) from bug_ticket bt where bt.bug_id = b.id) as tickets,
                   (select count(distinct lower(t.requester_email)) from bug_ticket bt join ticket t on t.id = bt.ticket_id
                    where bt.bug_id = b.id and t.requester_email is not null) as customers
            from bug b""";

    private static Bug bug(ResultSet rs, int row) throws SQLException {
        return new Bug(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class), rs.getString("title"),
                rs.getString("affected_service"), BugStatus.fromWireName(rs.getString("status")).orElseThrow(),
                rs.getString("rca_text"), rs.getString("change_url"), instant(rs, "created_at"),
                instant(rs, "shipped_at"), rs.getInt("tickets"), rs.getInt("customers"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
