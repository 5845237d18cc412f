package dev.deskloop.writeback;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.deskloop.platform.InvalidInput;

/**
 * Which provider field receives which triage value: a Zendesk custom field id or an Intercom conversation attribute
 * name for each; null leaves the value out.
 */
public record FieldMapping(String severity, String affectedService, String analysisUrl) {

    public static final FieldMapping NONE = new FieldMapping(null, null, null);

    public FieldMapping {
        severity = clean("field_mapping.severity", severity);
        affectedService = clean("field_mapping.affected_service", affectedService);
        analysisUrl = clean("field_mapping.analysis_url", analysisUrl);
    }

    public boolean isEmpty() {
        return severity == null && affectedService == null && analysisUrl == null;
    }

    /** The fields by their wire names, leaving out unmapped ones. */
    Map<String, String> byName() {
        Map<String, String> out = new LinkedHashMap<>();
        if (severity != null) {
            out.put("severity", severity);
        }
        if (affectedService != null) {
            out.put("affected_service", affectedService);
        }
        if (analysisUrl != null) {
            out.put("analysis_url", analysisUrl);
        }
        return out;
    }

    private static String clean(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > 255) {
            throw new InvalidInput(field, "is longer than 255 characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput(field, "must not contain control characters");
        }
        return stripped;
    }
}
