package dev.deskloop.dashboard;

import java.time.ZoneId;
import java.util.UUID;

import dev.deskloop.connection.Connection;
import dev.deskloop.connection.Connections;
import dev.deskloop.helpdesk.ProviderId;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.NotFoundException;
import dev.deskloop.platform.TimeZones;
import dev.deskloop.workspace.Caller;
import dev.deskloop.workspace.SignedInUser;
import dev.deskloop.writeback.AnalyzeThreshold;
import dev.deskloop.writeback.BindingSettings;
import dev.deskloop.writeback.Bindings;
import dev.deskloop.writeback.FieldMapping;
import dev.deskloop.writeback.PostingMode;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Integrations → Binding: how one connection writes triage back (owners and admins change it). */
@Controller
class BindingPages {

    private final Pages pages;
    private final Connections connections;
    private final Bindings bindings;

    BindingPages(Pages pages, Connections connections, Bindings bindings) {
        this.pages = pages;
        this.connections = connections;
        this.bindings = bindings;
    }

    @GetMapping("/w/{workspaceId}/connections/{connectionId}/settings")
    String show(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                @PathVariable UUID connectionId, Model model) {
        Caller caller = pages.caller(me, workspaceId, model);
        fill(caller, connectionId, bindings.settings(caller, connectionId), model);
        return "binding";
    }

    @PostMapping("/w/{workspaceId}/connections/{connectionId}/settings")
    ModelAndView change(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID workspaceId,
                        @PathVariable UUID connectionId, Form form, Model model, RedirectAttributes flash) {
        Caller caller = pages.caller(me, workspaceId, model);
        caller.requireAdministrator();
        try {
            bindings.change(caller, connectionId, form.settings());
        } catch (InvalidInput e) {
            fill(caller, connectionId, null, model);
            model.addAttribute("form", form);
            model.addAttribute("error", e.getMessage());
            return new ModelAndView("binding", model.asMap(), HttpStatus.BAD_REQUEST);
        }
        flash.addFlashAttribute("notice", "Saved.");
        return new ModelAndView("redirect:/w/" + workspaceId + "/connections/" + connectionId + "/settings");
    }

    private void fill(Caller caller, UUID connectionId, BindingSettings settings, Model model) {
        Connection connection = connections.of(caller.workspaceId(), connectionId)
                .orElseThrow(() -> new NotFoundException("Connection"));
        model.addAttribute("connection", connection);
        if (settings != null) {
            model.addAttribute("form", Form.of(settings));
        }
        model.addAttribute("postingModes", PostingMode.values());
        model.addAttribute("thresholds", AnalyzeThreshold.values());
        model.addAttribute("timeZones", TimeZones.names());
        model.addAttribute("automaticZone", automaticZone(connection, bindings.of(connectionId).deskZone()));
    }

    /** What an empty time zone means for this connection, in words. */
    private static String automaticZone(Connection connection, ZoneId deskZone) {
        String desk = connection.provider().displayName();
        String fallback = deskZone != null ? deskZone.getId() + ", read from " + desk + " when it was connected"
                : "UTC: no time zone is known for this " + desk + " account (reconnecting reads it again)";
        return connection.provider() == ProviderId.ZENDESK
                ? "each requester's own Zendesk time zone, else " + fallback : fallback;
    }

    /** The form as posted; names match the API's fields. */
    record Form(String posting_mode, String auto_analyze, String time_buffer_hours, String severity_field,
                String service_field, String analysis_url_field, String public_reply_template, String scope_filter,
                Boolean classification_notes, String time_zone) {

        static Form of(BindingSettings s) {
            return new Form(s.postingMode().wireName(), s.autoAnalyze().wireName(),
                    Integer.toString(s.timeBufferHours()), s.fieldMapping().severity(),
                    s.fieldMapping().affectedService(), s.fieldMapping().analysisUrl(), s.publicReplyTemplate(),
                    s.scopeFilter(), s.classificationNotes(), s.timeZone());
        }

        BindingSettings settings() {
            int hours;
            try {
                hours = Integer.parseInt(time_buffer_hours == null ? "" : time_buffer_hours.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInput("time_buffer_hours", "must be a whole number of hours between 1 and 168");
            }
            return new BindingSettings(PostingMode.fromWireName(posting_mode),
                    AnalyzeThreshold.fromWireName(auto_analyze), hours,
                    new FieldMapping(severity_field, service_field, analysis_url_field),
                    public_reply_template == null ? "" : public_reply_template.replace("\r\n", "\n"), scope_filter,
                    Boolean.TRUE.equals(classification_notes), time_zone);
        }
    }
}
