package dev.deskloop.writeback;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The timeline of a ticket (table {@code ticket_event}), always read within one workspace. */
@Component
public class TicketTimeline {

    static final String NOTE_POSTED = "note_posted";
    static final String REPLY_POSTED = "reply_posted";
    static final String FIELDS_SET = "fields_set";
    static final String WRITE_FAILED = "write_failed";
    static final String ANALYSIS = "analysis";

    private final JdbcClient jdbc;
    private final Clock clock;

    TicketTimeline(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<TimelineEvent> of(UUID workspaceId, UUID ticketId) {
        return jdbc.sql("""
                        select id, ticket_id, at, kind, text from ticket_event
                        where workspace_id = :workspace and ticket_id = :ticket order by at, id""")
                .param("workspace", workspaceId).param("ticket", ticketId)
                .query((rs, row) -> new TimelineEvent(rs.getObject("id", UUID.class),
                        rs.getObject("ticket_id", UUID.class), rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("kind"), rs.getString("text")))
                .list();
    }

    void record(UUID workspaceId, UUID ticketId, String kind, String text) {
        jdbc.sql("""
                        insert into ticket_event (id, ticket_id, workspace_id, at, kind, text)
                        values (:id, :ticket, :workspace, :at, :kind, :text)""")
                .param("id", UUID.randomUUID()).param("ticket", ticketId).param("workspace", workspaceId)
                .param("at", Timestamp.from(clock.instant())).param("kind", kind)
                .param("text", text.length() > 2000 ? text.substring(0, 2000) : text)
                .update();
    }

    /** Records unless the ticket already has this exact event (a job that runs again records it once). */
    void recordOnce(UUID workspaceId, UUID ticketId, String kind, String text) {
        boolean exists = jdbc.sql("select count(*) from ticket_event where ticket_id = :ticket and kind = :kind and text = :text")
                .param("ticket", ticketId).param("kind", kind).param("text", text).query(Long.class).single() > 0;
        if (!exists) {
            record(workspaceId, ticketId, kind, text);
        }
    }
}
