package dev.deskloop.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Audits what outsiders can repeat at will (forged or refused webhook deliveries): at most one entry a minute per
 * action and subject, so that a flood of requests cannot flood the audit log. Remembers a bounded number of subjects.
 */
@Component
public class RateLimitedAudit {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final int CAPACITY = 10_000;

    private final AuditLog log;
    private final Clock clock;
    private final int capacity;
    private final Map<Key, Instant> lastRecorded = new ConcurrentHashMap<>();

    @Autowired
    RateLimitedAudit(AuditLog log, Clock clock) {
        this(log, clock, CAPACITY);
    }

    RateLimitedAudit(AuditLog log, Clock clock, int capacity) {
        this.log = log;
        this.clock = clock;
        this.capacity = capacity;
    }

    /**
     * Records like {@link AuditLog#record} unless the same action was recorded for the same subject (a connection,
     * a workspace) less than a minute ago; answers whether it recorded.
     */
    public boolean record(String subject, UUID workspaceId, String actor, String action, String target,
                          String details) {
        Instant now = clock.instant();
        Key key = new Key(action, subject);
        if (lastRecorded.size() >= capacity && !lastRecorded.containsKey(key)) {
            makeRoom(now);
        }
        AtomicBoolean due = new AtomicBoolean();
        lastRecorded.compute(key, (k, previous) -> {
            if (previous != null && now.isBefore(previous.plus(INTERVAL))) {
                return previous;
            }
            due.set(true);
            return now;
        });
        if (due.get()) {
            log.record(workspaceId, actor, action, target, details);
        }
        return due.get();
    }

    /** How many subjects are remembered. */
    int remembered() {
        return lastRecorded.size();
    }

    private void makeRoom(Instant now) {
        lastRecorded.values().removeIf(at -> !now.isBefore(at.plus(INTERVAL)));
        if (lastRecorded.size() >= capacity) {
            // Forgetting lets a subject be audited once more; never forgetting would let the map grow without end.
            lastRecorded.clear();
        }
    }

    private record Key(String action, String subject) {
    }
}
