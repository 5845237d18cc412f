package dev.deskloop.writeback;

import java.time.ZoneId;

import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.TimeZones;

/**
 * How one connection writes triage back: posting mode, auto-analysis threshold, the hours of log history to look
 * at when a ticket names no time, field mapping, public reply template, scope filter (Zendesk tag or Intercom team
 * id; stored on the connection, where ingestion reads it), whether non-bug tickets get a short note, and the time
 * zone triage reads local times such as "since 9am" in (null: automatic, see
 * {@link dev.deskloop.tickets.TicketTimes.Settings}). Checked on construction; failures name the field as the API
 * spells it.
 */
public record BindingSettings(PostingMode postingMode, AnalyzeThreshold autoAnalyze, int timeBufferHours,
                              FieldMapping fieldMapping, String publicReplyTemplate, String scopeFilter,
                              boolean classificationNotes, String timeZone) {

    public static final int DEFAULT_TIME_BUFFER_HOURS = 2;

    public BindingSettings {
        if (postingMode == null) {
            throw new InvalidInput("posting_mode", "is required");
        }
        if (autoAnalyze == null) {
            throw new InvalidInput("auto_analyze", "is required");
        }
        if (timeBufferHours < 1 || timeBufferHours > 168) {
            throw new InvalidInput("time_buffer_hours", "must be between 1 and 168");
        }
        fieldMapping = fieldMapping == null ? FieldMapping.NONE : fieldMapping;
        ReplyTemplate.check(publicReplyTemplate);
        if (scopeFilter != null && scopeFilter.isBlank()) {
            scopeFilter = null;
        }
        if (scopeFilter != null) {
            scopeFilter = scopeFilter.strip();
            if (scopeFilter.length() > 255 || !scopeFilter.matches("[\\p{L}\\p{N}_:./-]+")) {
                throw new InvalidInput("scope_filter", "must be one tag or team id (letters, digits, _ : . / -)");
            }
        }
        if (timeZone != null && !timeZone.isBlank()) {
            timeZone = TimeZones.parse(timeZone).map(ZoneId::getId).orElseThrow(() -> new InvalidInput("time_zone",
                    "must be a time zone such as Europe/Paris, America/New_York or UTC, or empty for automatic"));
        } else {
            timeZone = null;
        }
    }

    public static BindingSettings defaults() {
        return new BindingSettings(PostingMode.INTERNAL, AnalyzeThreshold.HIGH, DEFAULT_TIME_BUFFER_HOURS,
                FieldMapping.NONE, ReplyTemplate.DEFAULT, null, false, null);
    }

    public BindingSettings withScopeFilter(String scope) {
        return new BindingSettings(postingMode, autoAnalyze, timeBufferHours, fieldMapping, publicReplyTemplate, scope,
                classificationNotes, timeZone);
    }

    /** The settings as "name value" pairs for the audit log, in a stable order. */
    java.util.Map<String, String> describe() {
        var out = new java.util.LinkedHashMap<String, String>();
        out.put("posting_mode", postingMode.wireName());
        out.put("auto_analyze", autoAnalyze.wireName());
        out.put("time_buffer_hours", Integer.toString(timeBufferHours));
        out.put("field_mapping.severity", String.valueOf(fieldMapping.severity()));
        out.put("field_mapping.affected_service", String.valueOf(fieldMapping.affectedService()));
        out.put("field_mapping.analysis_url", String.valueOf(fieldMapping.analysisUrl()));
        out.put("public_reply_template", publicReplyTemplate);
        out.put("scope_filter", String.valueOf(scopeFilter));
        out.put("classification_notes", Boolean.toString(classificationNotes));
        out.put("time_zone", timeZone == null ? "automatic" : timeZone);
        return out;
    }
}
