package dev.deskloop.tickets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.deskloop.helpdesk.HelpdeskAttachment;
import dev.deskloop.helpdesk.HelpdeskMessage;
import dev.deskloop.helpdesk.HelpdeskTicket;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.ingest.TriagedContent;
import dev.deskloop.platform.TimeZones;
import dev.deskloop.triage.Triage;
import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.TicketMessage;
import dev.deskloop.triage.json.TriageJson;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Stored tickets and their triage history, always read within one workspace. */
@Component
public class Tickets implements TriagedContent {

    private final JdbcClient jdbc;
    private final Clock clock;

    Tickets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Attachment rows kept per ticket; files beyond this (in message order) are not stored. */
    static final int MAX_ATTACHMENTS_PER_TICKET = 500;

    /**
     * Inserts or updates the ticket of a connection with its messages' attachment metadata; returns its id. Run in a
     * transaction: the ticket row's lock orders concurrent stores of the same ticket.
     */
    UUID upsert(UUID workspaceId, UUID connectionId, ProviderId provider, HelpdeskTicket ticket, TicketDocument document) {
        UUID id = upsertTicket(workspaceId, connectionId, provider, ticket, document);
        replaceAttachments(id, ticket);
        return id;
    }

    private UUID upsertTicket(UUID workspaceId, UUID connectionId, ProviderId provider, HelpdeskTicket ticket,
                              TicketDocument document) {
        String json = TicketDocuments.toJson(document);
        Timestamp now = Timestamp.from(clock.instant());
        for (int attempt = 0; attempt < 2; attempt++) {
            int updated = jdbc.sql("""
                            update ticket set subject = :subject, status = :status, priority = :priority,
                                requester_name = :name, requester_email = :email, requester_zone = :zone,
                                tags = :tags, message_count = :count, document = :document, opened_at = :opened,
                                updated_at = :updated, fetched_at = :now
                            where connection_id = :connection and external_id = :external""")
                    .params(fields(ticket, document, json, now))
                    .param("connection", connectionId).param("external", ticket.externalId())
                    .update();
            if (updated == 1) {
                return jdbc.sql("select id from ticket where connection_id = :c and external_id = :e")
                        .param("c", connectionId).param("e", ticket.externalId()).query(UUID.class).single();
            }
            // "on conflict do nothing" rather than catching the unique violation: PostgreSQL would abort the caller's
            // transaction on the violation. 0 rows: another worker inserted the ticket meanwhile; update it instead.
            UUID id = UUID.randomUUID();
            int inserted = jdbc.sql("""
                            insert into ticket (id, workspace_id, connection_id, provider, external_id, subject, status,
                                priority, requester_name, requester_email, requester_zone, tags, message_count, document,
                                opened_at, updated_at, fetched_at)
                            values (:id, :workspace, :connection, :provider, :external, :subject, :status, :priority,
                                :name, :email, :zone, :tags, :count, :document, :opened, :updated, :now)
                            on conflict do nothing""")
                    .params(fields(ticket, document, json, now))
                    .param("id", id).param("workspace", workspaceId).param("connection", connectionId)
                    .param("provider", provider.wireName()).param("external", ticket.externalId())
                    .update();
            if (inserted == 1) {
                return id;
            }
        }
        throw new IllegalStateException("could not store ticket " + ticket.externalId());
    }

    /**
     * Makes the ticket's attachment rows those of {@code ticket}'s messages (message i of the ticket is message i of
     * its stored document). Unchanged rows are left alone, so re-fetching a ticket writes nothing and never
     * duplicates a file.
     */
    private void replaceAttachments(UUID ticketId, HelpdeskTicket ticket) {
        List<TicketAttachment> wanted = new java.util.ArrayList<>();
        List<HelpdeskMessage> messages = ticket.messages();
        for (int m = 0; m < messages.size() && wanted.size() < MAX_ATTACHMENTS_PER_TICKET; m++) {
            HelpdeskMessage message = messages.get(m);
            for (HelpdeskAttachment a : message.attachments()) {
                if (wanted.size() >= MAX_ATTACHMENTS_PER_TICKET) {
                    break;
                }
                wanted.add(new TicketAttachment(m, cut(message.id(), 64), cut(a.name(), HelpdeskAttachment.MAX_NAME),
                        a.contentType(), a.size(), a.url()));
            }
        }
        if (attachmentRows(ticketId).equals(wanted)) {
            return;
        }
        jdbc.sql("delete from ticket_attachment where ticket_id = :ticket").param("ticket", ticketId).update();
        int[] fileIndex = new int[Math.max(1, messages.size())];
        for (TicketAttachment a : wanted) {
            jdbc.sql("""
                            insert into ticket_attachment (ticket_id, message_index, file_index, message_id, file_name,
                                content_type, size_bytes, url)
                            values (:ticket, :message, :file, :messageId, :name, :type, :size, :url)""")
                    .param("ticket", ticketId).param("message", a.messageIndex())
                    .param("file", fileIndex[a.messageIndex()]++).param("messageId", a.messageId(), Types.VARCHAR)
                    .param("name", a.name()).param("type", a.contentType(), Types.VARCHAR)
                    .param("size", a.size(), Types.BIGINT).param("url", a.url(), Types.VARCHAR)
                    .update();
        }
    }

    private List<TicketAttachment> attachmentRows(UUID ticketId) {
        return jdbc.sql(ATTACHMENT_SELECT + " where a.ticket_id = :ticket order by a.message_index, a.file_index")
                .param("ticket", ticketId).query(Tickets::attachment).list();
    }

    /** The attachments of a ticket's messages, in message order; none when the ticket is not in the workspace. */
    public List<TicketAttachment> attachments(UUID workspaceId, UUID ticketId) {
        return jdbc.sql(ATTACHMENT_SELECT + """
                         join ticket t on t.id = a.ticket_id
                        where t.workspace_id = :workspace and a.ticket_id = :ticket
                        order by a.message_index, a.file_index""")
                .param("workspace", workspaceId).param("ticket", ticketId).query(Tickets::attachment).list();
    }

    private static final String ATTACHMENT_SELECT = """
            select a.message_index, a.message_id, a.file_name, a.content_type, a.size_bytes, a.url
            from ticket_attachment a""";

    private static TicketAttachment attachment(ResultSet rs, int row) throws SQLException {
        long size = rs.getLong("size_bytes");
        Long known = rs.wasNull() ? null : size;
        return new TicketAttachment(rs.getInt("message_index"), rs.getString("message_id"), rs.getString("file_name"),
                rs.getString("content_type"), known, rs.getString("url"));
    }

    private static java.util.Map<String, Object> fields(HelpdeskTicket ticket, TicketDocument document, String json,
                                                       Timestamp now) {
        var map = new java.util.HashMap<String, Object>();
        map.put("subject", cut(ticket.subject(), 1000));
        map.put("status", cut(ticket.status(), 32));
        map.put("priority", cut(ticket.priority(), 32));
        map.put("name", cut(ticket.requesterName(), 255));
        map.put("email", cut(ticket.requesterEmail(), 320));
        map.put("zone", ticket.requesterZone() == null ? null : ticket.requesterZone().getId());
        map.put("tags", cut(String.join(" ", ticket.tags()), 2000));
        map.put("count", document.messages().size());
        map.put("document", json);
        map.put("opened", document.createdAt() == null ? null : Timestamp.from(document.createdAt()));
        map.put("updated", ticket.updatedAt() == null ? null : Timestamp.from(ticket.updatedAt()));
        map.put("now", now);
        return map;
    }

    public Optional<StoredTicket> of(UUID workspaceId, UUID id) {
        return jdbc.sql(SELECT + " where t.workspace_id = :workspace and t.id = :id")
                .param("workspace", workspaceId).param("id", id).query(this::ticket).optional();
    }

    /** The provider's id of a ticket of the workspace, without reading the ticket. */
    public Optional<String> externalId(UUID workspaceId, UUID id) {
        return jdbc.sql("select external_id from ticket where workspace_id = :workspace and id = :id")
                .param("workspace", workspaceId).param("id", id).query(String.class).optional();
    }

    Optional<StoredTicket> byId(UUID id) {
        return jdbc.sql(SELECT + " where t.id = :id").param("id", id).query(this::ticket).optional();
    }

    public Optional<StoredTicket> byExternalId(UUID connectionId, String externalId) {
        return jdbc.sql(SELECT + " where t.connection_id = :connection and t.external_id = :external")
                .param("connection", connectionId).param("external", externalId).query(this::ticket).optional();
    }

    /** Tickets of a workspace, newest first, filtered by category/severity/service of their latest triage. */
    public List<StoredTicket> search(UUID workspaceId, TicketFilter filter, int limit, long offset) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where t.workspace_id = :workspace");
        if (filter.category() != null) {
            sql.append(" and r.category = :category");
        }
        if (filter.severity() != null) {
            sql.append(" and r.severity = :severity");
        }
        if (filter.service() != null) {
            sql.append(" and r.affected_service = :service");
        }
        if (filter.status() != null) {
            sql.append(" and t.status = :status");
        }
        sql.append(" order by t.fetched_at desc, t.id limit :limit offset :offset");
        return jdbc.sql(sql.toString())
                .param("workspace", workspaceId).param("category", filter.category())
                .param("severity", filter.severity()).param("service", filter.service())
                .param("status", filter.status()).param("limit", limit).param("offset", offset)
                .query(this::ticket).list();
    }

    /**
     * How many customer messages the ticket's latest triage read: those among the first {@code messageCount} messages
     * of the stored document, since a ticket's messages only ever grow at the end.
     */
    @Override
    public long customerMessagesTriaged(UUID connectionId, String externalId) {
        StoredTicket ticket = byExternalId(connectionId, externalId).orElse(null);
        if (ticket == null || ticket.latestTriage() == null) {
            return 0;
        }
        List<TicketMessage> messages = TicketDocuments.fromJson(document(ticket.id())).messages();
        return messages.subList(0, Math.min(ticket.latestTriage().messageCount(), messages.size())).stream()
                .filter(message -> message.author() == TicketMessage.Author.CUSTOMER).count();
    }

    public String document(UUID ticketId) {
        return jdbc.sql("select document from ticket where id = :id").param("id", ticketId).query(String.class).single();
    }

    /** Every triage of a ticket, newest first. */
    public List<TriageRecord> triageHistory(UUID ticketId) {
        return jdbc.sql(TRIAGE_SELECT + " where ticket_id = :ticket order by version desc")
                .param("ticket", ticketId).query(Tickets::triage).list();
    }

    /**
     * Stores a triage as this version, with the zone it read the ticket's local times in; a concurrent store of the
     * same version loses ({@link DuplicateKeyException}).
     */
    TriageRecord storeTriage(StoredTicket ticket, int version, int messageCount, Triage triage, ZoneId zone,
                             long durationMillis) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into triage_result (id, ticket_id, workspace_id, version, message_count, category, is_bug,
                            severity, confidence, affected_service, window_start, window_end, engine, duration_ms,
                            result, time_zone, created_at)
                        values (:id, :ticket, :workspace, :version, :count, :category, :bug, :severity, :confidence,
                            :service, :start, :end, :engine, :duration, :result, :zone, :now)""")
                .param("id", id).param("ticket", ticket.id()).param("workspace", ticket.workspaceId())
                .param("version", version).param("count", messageCount)
                .param("category", triage.category().wireName()).param("bug", triage.isBug())
                .param("severity", triage.severity() == null ? null : triage.severity().wireName())
                .param("confidence", triage.confidence())
                .param("service", cut(triage.affectedService(), 255))
                .param("start", triage.timeWindow() == null ? null : Timestamp.from(triage.timeWindow().start()), Types.TIMESTAMP)
                .param("end", triage.timeWindow() == null ? null : Timestamp.from(triage.timeWindow().end()), Types.TIMESTAMP)
                .param("engine", cut(triage.engine(), 100)).param("duration", durationMillis)
                .param("result", TriageJson.writeTriage(triage)).param("zone", zone.getId())
                .param("now", Timestamp.from(now))
                .update();
        return new TriageRecord(id, ticket.id(), version, messageCount, triage, triage.engine(), durationMillis, now,
                zone);
    }

    private static final String SELECT = """
            select t.id, t.workspace_id, t.connection_id, t.provider, t.external_id, t.subject, t.status, t.priority,
                   t.requester_name, t.requester_email, t.requester_zone, t.tags, t.message_count, t.opened_at,
                   t.fetched_at,
                   r.id as r_id, r.version as r_version, r.message_count as r_count, r.result as r_result,
                   r.engine as r_engine, r.duration_ms as r_duration, r.created_at as r_created, r.time_zone as r_zone
            from ticket t
            left join triage_result r on r.ticket_id = t.id
                 and r.version = (select max(x.version) from triage_result x where x.ticket_id = t.id)""";

    private static final String TRIAGE_SELECT = """
            select id as r_id, ticket_id, version as r_version, message_count as r_count, result as r_result,
                   engine as r_engine, duration_ms as r_duration, created_at as r_created,
                   time_zone as r_zone
            from triage_result""";

    private StoredTicket ticket(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        TriageRecord latest = rs.getObject("r_id", UUID.class) == null ? null : triageColumns(rs, id);
        String tags = rs.getString("tags");
        return new StoredTicket(id, rs.getObject("workspace_id", UUID.class), rs.getObject("connection_id", UUID.class),
                ProviderId.fromWireName(rs.getString("provider")).orElseThrow(), rs.getString("external_id"),
                rs.getString("subject"), rs.getString("status"), rs.getString("priority"),
                rs.getString("requester_name"), rs.getString("requester_email"),
                TimeZones.parse(rs.getString("requester_zone")).orElse(null),
                tags == null || tags.isBlank() ? List.of() : Arrays.asList(tags.split(" ")),
                rs.getInt("message_count"), instant(rs, "opened_at"), instant(rs, "fetched_at"), latest);
    }

    private static TriageRecord triage(ResultSet rs, int row) throws SQLException {
        return triageColumns(rs, rs.getObject("ticket_id", UUID.class));
    }

    private static TriageRecord triageColumns(ResultSet rs, UUID ticketId) throws SQLException {
        return new TriageRecord(rs.getObject("r_id", UUID.class), ticketId, rs.getInt("r_version"), rs.getInt("r_count"),
                TriageJson.readTriage(rs.getString("r_result")), rs.getString("r_engine"), rs.getLong("r_duration"),
                instant(rs, "r_created"), TimeZones.parse(rs.getString("r_zone")).orElse(null));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String cut(String value, int max) {
        return value == null ? null : value.length() > max ? value.substring(0, max) : value;
    }
}
