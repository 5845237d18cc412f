package dev.deskloop.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Read-only queries on the app's own database, over the same JDBC URL the app uses (for H2 its AUTO_SERVER mode
 * lets a second process in). Used only to check the inbox and to read when each triage was stored.
 */
final class AppDatabase implements AutoCloseable {

    private final Connection jdbc;

    AppDatabase(String url, String user, String password) throws SQLException {
        this.jdbc = DriverManager.getConnection(url, user, password);
        this.jdbc.setReadOnly(true);
    }

    String connectionStatus(UUID connectionId) throws SQLException {
        try (PreparedStatement s = jdbc.prepareStatement("select status from connection where id = ?")) {
            s.setObject(1, connectionId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The workspace's connected connection to the provider ({@code zendesk}, {@code intercom}), if any. */
    UUID connectedConnection(UUID workspaceId, String provider) throws SQLException {
        try (PreparedStatement s = jdbc.prepareStatement(
                "select id from connection where workspace_id = ? and provider = ? and status = 'connected'")) {
            s.setObject(1, workspaceId);
            s.setString(2, provider);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    long inboxRows(UUID connectionId) throws SQLException {
        return count("select count(*) from inbox where connection_id = ?", connectionId);
    }

    long distinctInboxEvents(UUID connectionId) throws SQLException {
        return count("select count(distinct event_id) from inbox where connection_id = ?", connectionId);
    }

    /** Inbox rows by status. */
    Map<String, Long> inboxByStatus(UUID connectionId) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement s = jdbc.prepareStatement(
                "select status, count(*) from inbox where connection_id = ? group by status")) {
            s.setObject(1, connectionId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** Deliveries not yet finished (received, claimed or processing). */
    long backlog(UUID connectionId) throws SQLException {
        return count("select count(*) from inbox where connection_id = ? and status in ('received', 'claimed', 'processing')",
                connectionId);
    }

    /** When the first triage of each ticket was stored, in epoch microseconds, by the ticket's external id. */
    Map<String, Long> firstTriageStored(UUID connectionId) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement s = jdbc.prepareStatement("""
                select t.external_id, min(r.created_at) from triage_result r join ticket t on t.id = r.ticket_id
                where t.connection_id = ? group by t.external_id""")) {
            s.setObject(1, connectionId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                    out.put(rs.getString(1), at.toEpochSecond() * 1_000_000L + at.getNano() / 1_000);
                }
            }
        }
        return out;
    }

    /** First triage of a ticket: when it was stored (epoch microseconds) and whether it called the ticket a bug. */
    record FirstTriage(long storedAtMicros, boolean bug) {
    }

    /** The first triage of each ticket of the connection, by the ticket's external id. */
    Map<String, FirstTriage> firstTriages(UUID connectionId) throws SQLException {
        Map<String, FirstTriage> out = new HashMap<>();
        try (PreparedStatement s = jdbc.prepareStatement("""
                select t.external_id, r.created_at, r.is_bug from triage_result r join ticket t on t.id = r.ticket_id
                where t.connection_id = ? and r.version = (select min(r2.version) from triage_result r2
                                                           where r2.ticket_id = r.ticket_id)""")) {
            s.setObject(1, connectionId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                    out.put(rs.getString(1), new FirstTriage(at.toEpochSecond() * 1_000_000L + at.getNano() / 1_000,
                            rs.getBoolean(3)));
                }
            }
        }
        return out;
    }

    /** Outbox rows (writes into tickets) of the connection by status: pending, sent, waiting, dead. */
    Map<String, Long> outboxByStatus(UUID connectionId) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement s = jdbc.prepareStatement(
                "select status, count(*) from outbox where connection_id = ? group by status")) {
            s.setObject(1, connectionId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** Outbox rows whose last error starts with the given text ("rate limited" = a 429, "paced" = held by Deskloop). */
    long outboxWithErrorPrefix(UUID connectionId, String prefix) throws SQLException {
        try (PreparedStatement s = jdbc.prepareStatement(
                "select count(*) from outbox where connection_id = ? and last_error like ?")) {
            s.setObject(1, connectionId);
            s.setString(2, prefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** PostgreSQL only: scans and row changes per table since the database was created (where the time goes). */
    String tableStatistics() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (PreparedStatement s = jdbc.prepareStatement("""
                select relname, seq_scan, seq_tup_read, idx_scan, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del
                from pg_stat_user_tables where n_tup_ins + n_tup_upd + n_tup_del + seq_scan > 0
                order by seq_tup_read + n_tup_ins + n_tup_upd desc limit 8""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.append(String.format("    %-16s seq scans %,9d (rows read %,13d), index scans %,10d, inserted %,8d, "
                                + "updated %,8d (HOT %,8d), deleted %,8d%n", rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
            }
        }
        try (PreparedStatement s = jdbc.prepareStatement(
                "select xact_commit, xact_rollback from pg_stat_database where datname = current_database()");
             ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                out.append(String.format("    transactions committed %,d, rolled back %,d%n", rs.getLong(1), rs.getLong(2)));
            }
        }
        return out.toString();
    }

    private long count(String sql, UUID connectionId) throws SQLException {
        try (PreparedStatement s = jdbc.prepareStatement(sql)) {
            s.setObject(1, connectionId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() {
        try {
            jdbc.close();
        } catch (SQLException ignored) {
            // closing a read-only connection at the end of the run
        }
    }
}
