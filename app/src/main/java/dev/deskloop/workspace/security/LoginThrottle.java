package dev.deskloop.workspace.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import dev.deskloop.workspace.AccountsSettings;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account address in the database, so that every instance sees the same count, and
 * locks the address for a while after too many failures inside the window.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final AccountsSettings settings;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, AccountsSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** How long the address stays locked, if it is. */
    Optional<Duration> lockedFor(String key) {
        Instant now = clock.instant();
        return jdbc.sql("select locked_until from login_throttle where account_key = :key")
                .param("key", key)
                .query((rs, row) -> rs.getObject("locked_until", OffsetDateTime.class))
                .optional()
                .filter(until -> until != null && until.toInstant().isAfter(now))
                .map(until -> Duration.between(now, until.toInstant()));
    }

    /** Records a failure; returns true when this failure locked the address. */
    boolean recordFailure(String key) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 3; attempt++) {
            var current = jdbc.sql("select failures, window_start from login_throttle where account_key = :key")
                    .param("key", key)
                    .query((rs, row) -> new Window(rs.getInt("failures"),
                            rs.getObject("window_start", OffsetDateTime.class).toInstant()))
                    .optional();
            if (current.isEmpty()) {
                try {
                    jdbc.sql("insert into login_throttle (account_key, failures, window_start) values (:key, 0, :now)")
                            .param("key", key)
                            .param("now", Timestamp.from(now))
                            .update();
                } catch (DuplicateKeyException raced) {
                    // another request inserted it first; count on top of theirs
                }
                continue;
            }
            Window window = current.get();
            boolean expired = window.start().plus(settings.failedSignInWindow()).isBefore(now);
            int failures = expired ? 1 : window.failures() + 1;
            Instant start = expired ? now : window.start();
            boolean lock = failures >= settings.maxFailedSignIns();
            int updated = jdbc.sql("""
                            update login_throttle set failures = :failures, window_start = :start, locked_until = :until
                            where account_key = :key and failures = :expected""")
                    .param("failures", lock ? 0 : failures)
                    .param("start", Timestamp.from(lock ? now : start))
                    .param("until", lock ? Timestamp.from(now.plus(settings.lockout())) : null, java.sql.Types.TIMESTAMP)
                    .param("key", key)
                    .param("expected", window.failures())
                    .update();
            if (updated == 1) {
                return lock;
            }
        }
        return false;
    }

    void reset(String key) {
        jdbc.sql("delete from login_throttle where account_key = :key").param("key", key).update();
    }

    private record Window(int failures, Instant start) {
    }
}
