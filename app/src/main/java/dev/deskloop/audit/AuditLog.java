package dev.deskloop.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes and reads the audit log. There is deliberately no way to change or delete an entry.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Appends an entry; over-long values are cut so that recording never fails on size. */
    public void record(UUID workspaceId, String actor, String action, String target, String details) {
        jdbc.sql("""
                        insert into audit_event (workspace_id, occurred_at, actor, action, target, details)
                        values (:workspace, :at, :actor, :action, :target, :details)""")
                .param("workspace", workspaceId)
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", cut(actor == null ? "system" : actor, 320))
                .param("action", cut(action, 64))
                .param("target", target == null ? null : cut(target, 500))
                .param("details", details == null ? null : cut(details, 4000))
                .update();
    }

    /** The entries of one workspace matching the query, newest first. */
    public AuditPage search(UUID workspaceId, AuditQuery query) {
        StringBuilder where = new StringBuilder(" where workspace_id = :workspace");
        List<Object[]> params = new ArrayList<>();
        params.add(new Object[] {"workspace", workspaceId});
        if (query.actor() != null) {
            where.append(" and lower(actor) like :actor escape '\\'");
            params.add(new Object[] {"actor", "%" + escapeLike(query.actor().toLowerCase()) + "%"});
        }
        if (query.action() != null) {
            where.append(" and action = :action");
            params.add(new Object[] {"action", query.action()});
        }
        if (query.from() != null) {
            where.append(" and occurred_at >= :from");
            params.add(new Object[] {"from", Timestamp.from(query.from())});
        }
        if (query.to() != null) {
            where.append(" and occurred_at <= :to");
            params.add(new Object[] {"to", Timestamp.from(query.to())});
        }

        var count = jdbc.sql("select count(*) from audit_event" + where);
        var select = jdbc.sql("select id, workspace_id, occurred_at, actor, action, target, details from audit_event"
                + where + " order by occurred_at desc, id desc limit :limit offset :offset");
        for (Object[] p : params) {
            count = count.param((String) p[0], p[1]);
            select = select.param((String) p[0], p[1]);
        }
        long total = count.query(Long.class).single();
        List<AuditEvent> events = select
                .param("limit", query.size())
                .param("offset", (long) query.page() * query.size())
                .query((rs, row) -> new AuditEvent(
                        rs.getLong("id"),
                        rs.getObject("workspace_id", UUID.class),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("target"),
                        rs.getString("details")))
                .list();
        return new AuditPage(events, query.page(), query.size(), total);
    }

    /** The distinct actions recorded in a workspace, for filter menus. */
    public List<String> actions(UUID workspaceId) {
        return jdbc.sql("select distinct action from audit_event where workspace_id = :workspace order by action")
                .param("workspace", workspaceId)
                .query(String.class)
                .list();
    }


    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
