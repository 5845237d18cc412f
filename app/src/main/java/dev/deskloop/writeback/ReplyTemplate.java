package dev.deskloop.writeback;

import java.util.Map;
import java.util.Set;

import dev.deskloop.platform.InvalidInput;

/**
 * The public reply template: plain text with {@code {{requesterName}}}, {@code {{ticketId}}} and
 * {@code {{severity}}}. Unknown variables are refused when the template is saved; when rendering, the whole text
 * (template and values) is escaped, so neither a customer's name nor the template can inject HTML.
 */
public final class ReplyTemplate {

    public static final String DEFAULT = "Hi {{requesterName}}, Thanks for reporting this. Our team is investigating "
            + "and will follow up shortly.";
    static final Set<String> VARIABLES = Set.of("requesterName", "ticketId", "severity");
    static final int MAX_LENGTH = 4000;
    private static final String FIELD = "public_reply_template";

    private ReplyTemplate() {
    }

    /** Refuses a template with an unknown or unclosed variable, naming the 1-based character position. */
    public static void check(String template) {
        if (template == null || template.isBlank()) {
            throw new InvalidInput(FIELD, "must not be empty");
        }
        if (template.length() > MAX_LENGTH) {
            throw new InvalidInput(FIELD, "is longer than " + MAX_LENGTH + " characters");
        }
        substitute(template, Map.of(), true);
    }

    /** The reply as HTML paragraphs; missing values render as empty text (a missing name as "there"). */
    public static String render(String template, String requesterName, String ticketId, String severity) {
        Map<String, String> values = Map.of(
                "requesterName", requesterName == null || requesterName.isBlank() ? "there" : requesterName.strip(),
                "ticketId", ticketId == null ? "" : ticketId,
                "severity", severity == null ? "" : severity);
        return Html.paragraphs(substitute(template, values, false));
    }

    private static String substitute(String template, Map<String, String> values, boolean checkOnly) {
        StringBuilder out = new StringBuilder(template.length());
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf("{{", at);
            if (open < 0) {
                out.append(template, at, template.length());
                break;
            }
            out.append(template, at, open);
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                throw new InvalidInput(FIELD, "has an unclosed {{ at character " + (open + 1));
            }
            String name = template.substring(open + 2, close).strip();
            if (!VARIABLES.contains(name)) {
                throw new InvalidInput(FIELD, "unknown variable {{" + name + "}} at character " + (open + 1)
                        + " (known: {{requesterName}}, {{ticketId}}, {{severity}})");
            }
            if (!checkOnly) {
                out.append(values.get(name));
            }
            at = close + 2;
        }
        return out.toString();
    }
}
