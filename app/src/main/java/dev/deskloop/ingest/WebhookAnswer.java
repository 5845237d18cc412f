package dev.deskloop.ingest;

import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

/**
 * The answer to one webhook delivery: either an outcome ({@code {"status":"received"}}) or an RFC 9457 problem.
 *
 * @param status     the HTTP status
 * @param outcome    the outcome word of a handled delivery, or null for a problem
 * @param title      the problem's title, or null for an outcome
 * @param detail     the problem's detail, or null
 * @param retryAfter seconds the sender should wait before sending again, or null
 */
record WebhookAnswer(HttpStatus status, String outcome, String title, String detail, Integer retryAfter) {

    private static final Pattern OUTCOME = Pattern.compile("[a-z_]{1,20}");

    WebhookAnswer {
        if ((outcome == null) == (title == null)) {
            throw new IllegalArgumentException("an answer is either an outcome or a problem");
        }
        if (outcome != null && !OUTCOME.matcher(outcome).matches()) {
            throw new IllegalArgumentException("not an outcome word: " + outcome);
        }
    }

    static WebhookAnswer outcome(HttpStatus status, String outcome) {
        return new WebhookAnswer(status, outcome, null, null, null);
    }

    static WebhookAnswer problem(HttpStatus status, String title, String detail) {
        return new WebhookAnswer(status, null, title, detail, null);
    }

    /** Not stored because the database was contended: the provider should send the delivery again. */
    static WebhookAnswer busy() {
        return new WebhookAnswer(HttpStatus.SERVICE_UNAVAILABLE, "busy", null, null, 1);
    }

    /** The JSON body of an outcome; outcome words need no escaping. */
    String outcomeJson() {
        return "{\"status\":\"" + outcome + "\"}";
    }
}
