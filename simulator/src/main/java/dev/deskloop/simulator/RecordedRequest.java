package dev.deskloop.simulator;

import dev.deskloop.simulator.http.Redaction;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request a simulated provider received, for tests to assert on. The {@code Authorization}
 * header is redacted when recorded; the body is kept as sent (tests may need the exact bytes), and
 * {@link #redactedBody()} is what the control API and the page show.
 *
 * @param provider {@code zendesk} or {@code intercom}
 * @param tenant   the Zendesk subdomain, or the Intercom app id
 * @param path     the full path on the simulator, e.g. {@code /zendesk/acme/api/v2/tickets/1.json}
 * @param status   the status the simulator answered
 */
public record RecordedRequest(long id, Instant at, String provider, String tenant, String method, String path,
                              String query, Map<String, List<String>> headers, String body, int status) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The body with token and secret fields replaced by {@code [redacted]}. */
    public String redactedBody() {
        return Redaction.redactBody(body);
    }

    /** The path below the provider's mount point, e.g. {@code /api/v2/tickets/1.json}. */
    public String providerPath() {
        String prefix = switch (provider) {
            case "zendesk" -> "/zendesk/" + tenant;
            case "intercom" -> path.startsWith("/intercom/api") ? "/intercom/api" : "/intercom";
            default -> "";
        };
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }
}
