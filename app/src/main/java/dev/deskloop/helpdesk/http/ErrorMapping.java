package dev.deskloop.helpdesk.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.deskloop.helpdesk.HelpdeskApiException;
import org.springframework.http.HttpHeaders;

/**
 * Maps a provider's error response to the sealed exception family (401/403 unauthorized, 404 not found, 429 rate
 * limited, 408/409/425 and 5xx worth retrying, any other 4xx a refusal), reading rate-limit hints from either
 * {@code Retry-After} (Zendesk: seconds or an HTTP date) or {@code X-RateLimit-Reset} (Intercom: Unix seconds).
 */
public final class ErrorMapping {

    static final Duration DEFAULT_RETRY = Duration.ofSeconds(60);
    private static final Pattern MESSAGE = Pattern.compile(
            "\"(?:error_description|message|description|title|error)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){1,300})\"");

    private ErrorMapping() {
    }

    public static HelpdeskApiException map(int status, HttpHeaders headers, String body, Clock clock) {
        String message = providerMessage(body);
        return switch (status) {
            case 401, 403 -> new HelpdeskApiException.Unauthorized("provider answered " + status + ": " + message);
            case 404 -> new HelpdeskApiException.NotFound("provider answered 404: " + message);
            case 429 -> new HelpdeskApiException.RateLimited(retryAt(headers, clock));
            // A conflicting concurrent update (Zendesk's 409), a request the provider timed out, or one it wants
            // repeated later: the same request can succeed on a later try, so these are not refusals.
            case 408, 409, 425 -> new HelpdeskApiException.Unavailable("provider answered " + status + ": " + message, null);
            default -> status >= 500
                    ? new HelpdeskApiException.Unavailable("provider answered " + status + ": " + message, null)
                    : new HelpdeskApiException.Rejected(status, message);
        };
    }

    /** When the provider allows the next call; a minute from now when it says nothing usable. */
    public static Instant retryAt(HttpHeaders headers, Clock clock) {
        Instant now = clock.instant();
        String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (retryAfter != null) {
            String value = retryAfter.strip();
            try {
                long seconds = Long.parseLong(value);
                return now.plusSeconds(Math.max(0, Math.min(seconds, 86_400)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return at.isBefore(now) ? now : at;
                } catch (DateTimeParseException notADate) {
                    // fall through to the reset header or the default
                }
            }
        }
        String reset = headers.getFirst("X-RateLimit-Reset");
        if (reset != null) {
            try {
                Instant at = Instant.ofEpochSecond(Long.parseLong(reset.strip()));
                if (at.isAfter(now) && at.isBefore(now.plus(Duration.ofDays(1)))) {
                    return at;
                }
                if (!at.isAfter(now)) {
                    return now;
                }
            } catch (NumberFormatException | java.time.DateTimeException ignored) {
                // fall through to the default
            }
        }
        return now.plus(DEFAULT_RETRY);
    }

    /** A short, printable message from the provider's error body, never the whole body. */
    static String providerMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no message)";
        }
        Matcher matcher = MESSAGE.matcher(body);
        if (matcher.find()) {
            String message = clean(matcher.group(1));
            // Zendesk's validation errors (422 RecordInvalid) say what is wrong only under "details".
            int details = body.indexOf("\"details\"");
            if (details >= 0) {
                Matcher detail = MESSAGE.matcher(body);
                if (detail.find(details) && !clean(detail.group(1)).equals(message)) {
                    message = message + ": " + clean(detail.group(1));
                }
            }
            return message;
        }
        return clean(body.length() > 200 ? body.substring(0, 200) : body);
    }

    private static String clean(String text) {
        return text.replace("\\\"", "\"").replaceAll("[\\p{Cntrl}]", " ").strip();
    }
}
