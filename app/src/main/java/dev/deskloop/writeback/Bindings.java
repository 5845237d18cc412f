package dev.deskloop.writeback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.connection.Connection;
import dev.deskloop.connection.Connections;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.NotFoundException;
import dev.deskloop.platform.TimeZones;
import dev.deskloop.tickets.TicketTimes;
import dev.deskloop.workspace.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The binding settings of each connection, as stored. A connection nobody configured uses
 * {@link BindingSettings#defaults()}; the scope filter lives on the connection row, where ingestion reads it. Only
 * owners and admins change settings, and every change is audited with what it was before and after.
 */
@Component
public class Bindings implements TicketTimes {

    private final JdbcClient jdbc;
    private final Connections connections;
    private final AuditLog audit;
    private final Clock clock;

    Bindings(JdbcClient jdbc, Connections connections, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.connections = connections;
        this.audit = audit;
        this.clock = clock;
    }

    /** The settings a connection writes back with. */
    public BindingSettings settings(UUID connectionId) {
        String scope = jdbc.sql("select scope_filter from connection where id = :id").param("id", connectionId)
                .query(String.class).optional().orElse(null);
        return stored(connectionId).orElseGet(BindingSettings::defaults).withScopeFilter(scope);
    }

    /** The default time buffer and the zone of the connection's binding, as triage reads them. */
    @Override
    public TicketTimes.Settings of(UUID connectionId) {
        // One query for the binding's settings (a connection nobody configured has no row) and the desk's zone.
        return jdbc.sql("""
                        select coalesce(b.time_buffer_hours, :hours) as hours, b.time_zone, c.account_zone
                        from connection c left join binding_settings b on b.connection_id = c.id
                        where c.id = :id""")
                .param("hours", BindingSettings.DEFAULT_TIME_BUFFER_HOURS).param("id", connectionId)
                .query((rs, row) -> new TicketTimes.Settings(Duration.ofHours(rs.getInt("hours")),
                        TimeZones.parse(rs.getString("time_zone")).orElse(null),
                        TimeZones.parse(rs.getString("account_zone")).orElse(null)))
                .single();
    }

    /** The settings of one of the caller's workspace's connections; another workspace's connection is not found. */
    public BindingSettings settings(Caller caller, UUID connectionId) {
        return settings(connection(caller, connectionId).id());
    }

    /** Replaces the settings (owner or admin only) and audits the change; returns what is now stored. */
    @Transactional
    public BindingSettings change(Caller caller, UUID connectionId, BindingSettings next) {
        Connection connection = connection(caller, connectionId);
        caller.requireAdministrator();
        checkFor(connection.provider(), next);
        BindingSettings before = settings(connectionId);
        Timestamp now = Timestamp.from(clock.instant());
        Map<String, Object> values = Map.of(
                "mode", next.postingMode().wireName(),
                "analyze", next.autoAnalyze().wireName(),
                "buffer", next.timeBufferHours(),
                "template", next.publicReplyTemplate(),
                "notes", next.classificationNotes());
        int updated = jdbc.sql("""
                        update binding_settings set posting_mode = :mode, auto_analyze = :analyze,
                            time_buffer_hours = :buffer, severity_field = :severity, service_field = :service,
                            analysis_url_field = :analysis, public_reply_template = :template,
                            classification_notes = :notes, time_zone = :zone, updated_at = :now
                        where connection_id = :connection""")
                .params(values).params(fields(next)).param("now", now).param("connection", connectionId)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into binding_settings (connection_id, workspace_id, posting_mode, auto_analyze,
                                time_buffer_hours, severity_field, service_field, analysis_url_field,
                                public_reply_template, classification_notes, time_zone, updated_at)
                            values (:connection, :workspace, :mode, :analyze, :buffer, :severity, :service, :analysis,
                                :template, :notes, :zone, :now)""")
                    .params(values).params(fields(next)).param("now", now).param("connection", connectionId)
                    .param("workspace", connection.workspaceId())
                    .update();
        }
        jdbc.sql("update connection set scope_filter = :scope, updated_at = :now where id = :id")
                .param("scope", next.scopeFilter()).param("now", now).param("id", connectionId).update();
        String changes = difference(before, next);
        if (!changes.isEmpty()) {
            audit.record(caller.workspaceId(), caller.email(), "binding.changed",
                    connection.provider().displayName() + " " + connection.label(), changes);
        }
        return settings(connectionId);
    }

    /** Zendesk names custom fields by number; Intercom attributes by name. */
    static void checkFor(ProviderId provider, BindingSettings settings) {
        if (provider != ProviderId.ZENDESK) {
            return;
        }
        settings.fieldMapping().byName().forEach((name, id) -> {
            if (!id.matches("[0-9]{1,20}")) {
                throw new InvalidInput("field_mapping." + name, "must be a Zendesk custom field id (a number)");
            }
        });
    }

    private Connection connection(Caller caller, UUID connectionId) {
        return connections.of(caller.workspaceId(), connectionId).orElseThrow(() -> new NotFoundException("Connection"));
    }

    private Optional<BindingSettings> stored(UUID connectionId) {
        return jdbc.sql("""
                        select posting_mode, auto_analyze, time_buffer_hours, severity_field, service_field,
                               analysis_url_field, public_reply_template, classification_notes, time_zone
                        from binding_settings where connection_id = :id""")
                .param("id", connectionId).query(Bindings::row).optional();
    }

    private static BindingSettings row(ResultSet rs, int row) throws SQLException {
        return new BindingSettings(PostingMode.fromWireName(rs.getString("posting_mode")),
                AnalyzeThreshold.fromWireName(rs.getString("auto_analyze")), rs.getInt("time_buffer_hours"),
                new FieldMapping(rs.getString("severity_field"), rs.getString("service_field"),
                        rs.getString("analysis_url_field")),
                rs.getString("public_reply_template"), null, rs.getBoolean("classification_notes"),
                rs.getString("time_zone"));
    }

    /** The settings that may be null. */
    private static Map<String, Object> fields(BindingSettings settings) {
        var map = new java.util.HashMap<String, Object>();
        map.put("severity", settings.fieldMapping().severity());
        map.put("service", settings.fieldMapping().affectedService());
        map.put("analysis", settings.fieldMapping().analysisUrl());
        map.put("zone", settings.timeZone());
        return map;
    }

    /** "name: before → after" for every setting that changed. */
    static String difference(BindingSettings before, BindingSettings after) {
        Map<String, String> was = before.describe();
        List<String> changes = new ArrayList<>();
        after.describe().forEach((name, value) -> {
            if (!value.equals(was.get(name))) {
                changes.add(name + ": " + was.get(name) + " → " + value);
            }
        });
        return String.join("; ", changes);
    }
}
