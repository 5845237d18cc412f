package dev.deskloop.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt to deliver a webhook to the application, as sent by the simulator.
 *
 * @param provider   {@code zendesk} or {@code intercom}
 * @param deliveryId Zendesk invocation id or Intercom notification id: equal across retries and duplicates
 * @param attempt    1 for the first try, 2 for the first retry, ...
 * @param status     the HTTP status the application answered, or 0 when it did not answer (timeout, refused)
 * @param error      why the attempt failed without a status, if it did
 */
public record Delivery(String provider, String deliveryId, String topic, String method, String url,
                       Map<String, String> headers, String body, int attempt, int status, String error, Instant at) {

    public Delivery {
        headers = Map.copyOf(headers);
    }

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }
}
