package dev.deskloop.simulator.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hides tokens and secrets before a request or delivery is shown to people. */
public final class Redaction {

    public static final String REDACTED = "[redacted]";

    private static final Set<String> SECRET_FIELDS = Set.of("access_token", "refresh_token", "client_secret", "code",
        "code_verifier", "token", "secret", "password", "signing_secret");
    private static final Pattern JSON_FIELD = Pattern.compile(
        "\"(access_token|refresh_token|client_secret|code|code_verifier|token|secret|password)\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"");

    private Redaction() {
    }

    /** Redacts a header value if it carries credentials. */
    public static String header(String name, String value) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("authorization") || lower.equals("proxy-authorization")) {
            int space = value.indexOf(' ');
            return (space > 0 ? value.substring(0, space + 1) : "") + REDACTED;
        }
        return value;
    }

    /** Redacts secret fields of a JSON or form-encoded body; other text is returned unchanged. */
    public static String redactBody(String body) {
        if (body == null || body.isEmpty()) {
            return body == null ? "" : body;
        }
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            Matcher m = JSON_FIELD.matcher(body);
            return m.replaceAll(r -> Matcher.quoteReplacement("\"" + r.group(1) + "\":\"" + REDACTED + "\""));
        }
        if (body.contains("=") && !body.contains(" ") && !body.contains("\n")) {
            Map<String, String> form = Call.decodeForm(body);
            StringBuilder out = new StringBuilder();
            form.forEach((k, v) -> {
                if (!out.isEmpty()) {
                    out.append('&');
                }
                out.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(SECRET_FIELDS.contains(k) ? REDACTED : URLEncoder.encode(v, StandardCharsets.UTF_8));
            });
            return out.toString();
        }
        return body;
    }

    /** Redacts a query string the same way as a form body. */
    public static String query(String rawQuery) {
        return rawQuery == null || rawQuery.isEmpty() ? "" : redactBody(rawQuery);
    }
}
