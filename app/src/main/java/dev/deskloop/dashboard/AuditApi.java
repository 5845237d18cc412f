package dev.deskloop.dashboard;

import java.time.Instant;
import java.util.List;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.audit.AuditPage;
import dev.deskloop.audit.AuditQuery;
import dev.deskloop.workspace.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit-events}: the audit log of the token's workspace, filtered and paged. */
@RestController
class AuditApi {

    private final AuditLog audit;

    AuditApi(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping(path = "/api/v1/audit-events", produces = "application/json")
    Events events(@AuthenticationPrincipal Caller caller,
                  @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        var query = new AuditQuery(actor, action, AuditPages.day(from, "from", false),
                AuditPages.day(to, "to", true), page, size);
        AuditPage result = audit.search(caller.workspaceId(), query);
        return new Events(result.events().stream()
                .map(e -> new Event(e.id(), e.occurredAt(), e.actor(), e.action(), e.target(), e.details()))
                .toList(), result.page(), result.size(), result.total(), result.hasNext());
    }

    record Events(List<Event> events, int page, int size, long total, boolean hasNext) {
    }

    record Event(long id, Instant occurredAt, String actor, String action, String target, String details) {
    }

}
