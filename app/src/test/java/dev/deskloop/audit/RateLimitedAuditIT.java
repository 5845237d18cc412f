package dev.deskloop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.deskloop.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RateLimitedAuditIT extends IntegrationTest {

    @Autowired
    AuditLog log;

    private final UUID workspace = UUID.randomUUID();

    @Test
    void recordsOnceAMinutePerActionAndSubject() {
        var audit = new RateLimitedAudit(log, clock, 100);

        assertThat(audit.record("hook-1", workspace, "webhook", "test.rejected", "delivery", "bad signature")).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(audit.record("hook-1", workspace, "webhook", "test.rejected", "delivery", "bad again")).isFalse();
        assertThat(audit.record("hook-2", workspace, "webhook", "test.rejected", "delivery", "other subject")).isTrue();
        assertThat(audit.record("hook-1", workspace, "webhook", "test.dropped", "delivery", "other action")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(audit.record("hook-1", workspace, "webhook", "test.rejected", "delivery", "a minute later")).isTrue();

        assertThat(details()).containsExactly("bad signature", "other subject", "other action", "a minute later");
    }

    @Test
    void remembersABoundedNumberOfSubjects() {
        var audit = new RateLimitedAudit(log, clock, 3);

        for (int i = 0; i < 10; i++) {
            assertThat(audit.record("hook-" + i, workspace, "webhook", "test.flood", "delivery", "n=" + i)).isTrue();
            assertThat(audit.remembered()).isLessThanOrEqualTo(3);
        }
        assertThat(details()).hasSize(10);
    }

    @Test
    void forgetsExpiredSubjectsBeforeRecentOnes() {
        var audit = new RateLimitedAudit(log, clock, 2);
        audit.record("old", workspace, "webhook", "test.flood", "delivery", "old");
        clock.advance(RateLimitedAudit.INTERVAL);
        audit.record("recent", workspace, "webhook", "test.flood", "delivery", "recent");

        audit.record("new", workspace, "webhook", "test.flood", "delivery", "new");

        assertThat(audit.remembered()).isEqualTo(2);
        assertThat(audit.record("recent", workspace, "webhook", "test.flood", "delivery", "recent again")).isFalse();
    }

    private List<String> details() {
        return jdbc.sql("select details from audit_event where workspace_id = :w order by id")
                .param("w", workspace).query(String.class).list();
    }
}
