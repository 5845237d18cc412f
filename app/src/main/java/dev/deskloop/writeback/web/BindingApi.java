package dev.deskloop.writeback.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.deskloop.connection.Connection;
import dev.deskloop.connection.Connections;
import dev.deskloop.workspace.Caller;
import dev.deskloop.writeback.AnalyzeThreshold;
import dev.deskloop.writeback.BindingSettings;
import dev.deskloop.writeback.Bindings;
import dev.deskloop.writeback.FieldMapping;
import dev.deskloop.writeback.PostingMode;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The token's workspace's connections and their binding settings. {@code PUT} replaces the settings; a field left
 * out keeps its current value. Another workspace's connection answers 404; only owners and admins may change.
 */
@RestController
@RequestMapping(path = "/api/v1/connections", produces = "application/json")
class BindingApi {

    private final Connections connections;
    private final Bindings bindings;

    BindingApi(Connections connections, Bindings bindings) {
        this.connections = connections;
        this.bindings = bindings;
    }

    @GetMapping
    List<ConnectionView> list(@AuthenticationPrincipal Caller caller) {
        return connections.ofWorkspace(caller.workspaceId()).stream().map(BindingApi::view).toList();
    }

    @GetMapping("/{connectionId}/settings")
    SettingsView settings(@AuthenticationPrincipal Caller caller, @PathVariable UUID connectionId) {
        return view(bindings.settings(caller, connectionId));
    }

    @PutMapping(path = "/{connectionId}/settings", consumes = "application/json")
    SettingsView change(@AuthenticationPrincipal Caller caller, @PathVariable UUID connectionId,
                        @RequestBody SettingsView body) {
        BindingSettings current = bindings.settings(caller, connectionId);
        return view(bindings.change(caller, connectionId, body.over(current)));
    }

    private static ConnectionView view(Connection c) {
        return new ConnectionView(c.id(), c.provider().wireName(), c.status().wireName(), c.account(), c.label(),
                c.scopeFilter(), c.connectedAt(), c.lastError());
    }

    private static SettingsView view(BindingSettings s) {
        return new SettingsView(s.postingMode().wireName(), s.autoAnalyze().wireName(), s.timeBufferHours(),
                new MappingView(s.fieldMapping().severity(), s.fieldMapping().affectedService(),
                        s.fieldMapping().analysisUrl()),
                s.publicReplyTemplate(), s.scopeFilter(), s.classificationNotes(), s.timeZone());
    }

    record ConnectionView(UUID id, String provider, String status, String account, String label, String scopeFilter,
                          Instant connectedAt, String lastError) {
    }

    record MappingView(String severity, String affectedService, String analysisUrl) {
    }

    /**
     * The settings on the wire (snake_case); on input, null means "keep the current value". An empty
     * {@code time_zone} sets it back to automatic (shown as null).
     */
    record SettingsView(String postingMode, String autoAnalyze, Integer timeBufferHours, MappingView fieldMapping,
                        String publicReplyTemplate, String scopeFilter, Boolean classificationNotes,
                        String timeZone) {

        BindingSettings over(BindingSettings current) {
            FieldMapping mapping = fieldMapping == null ? current.fieldMapping()
                    : new FieldMapping(fieldMapping.severity(), fieldMapping.affectedService(), fieldMapping.analysisUrl());
            return new BindingSettings(
                    postingMode == null ? current.postingMode() : PostingMode.fromWireName(postingMode),
                    autoAnalyze == null ? current.autoAnalyze() : AnalyzeThreshold.fromWireName(autoAnalyze),
                    timeBufferHours == null ? current.timeBufferHours() : timeBufferHours,
                    mapping,
                    publicReplyTemplate == null ? current.publicReplyTemplate() : publicReplyTemplate,
                    scopeFilter == null ? current.scopeFilter() : scopeFilter,
                    classificationNotes == null ? current.classificationNotes() : classificationNotes,
                    timeZone == null ? current.timeZone() : timeZone);
        }
    }
}
