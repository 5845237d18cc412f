package dev.deskloop.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import dev.deskloop.audit.AuditLog;
import dev.deskloop.audit.AuditPage;
import dev.deskloop.audit.AuditQuery;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.workspace.Caller;
import dev.deskloop.workspace.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log page: filter by actor, action and date range, newest first, paged. */
@Controller
class AuditPages {

    static final int PAGE_SIZE = 50;

    private final Pages pages;
    private final AuditLog audit;

    AuditPages(Pages pages, AuditLog audit) {
        this.pages = pages;
        this.audit = audit;
    }

    @GetMapping("/w/{workspaceId}/audit")
    String audit(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                 @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        AuditQuery query = new AuditQuery(actor, action, day(from, "from", false), day(to, "to", true), page, PAGE_SIZE);
        AuditPage result = audit.search(caller.workspaceId(), query);
        model.addAttribute("result", result);
        model.addAttribute("actions", audit.actions(caller.workspaceId()));
        model.addAttribute("actor", actor == null ? "" : actor);
        model.addAttribute("action", action == null ? "" : action);
        model.addAttribute("from", from == null ? "" : from);
        model.addAttribute("to", to == null ? "" : to);
        return "audit";
    }

    /** A date (yyyy-mm-dd, the start or end of that UTC day) or an exact instant. */
    static Instant day(String value, String field, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return endOfDay ? date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1)
                        : date.atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a date (2026-03-14) or an instant (2026-03-14T09:12:00Z)");
        }
    }
}
