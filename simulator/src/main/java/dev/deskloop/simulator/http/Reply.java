package dev.deskloop.simulator.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** One HTTP response to send back: status, headers and body bytes. */
public record Reply(int status, Map<String, String> headers, byte[] body) {

    public Reply {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static Reply json(int status, JsonNode node) {
        return new Reply(status, Map.of("Content-Type", "application/json; charset=utf-8"), Json.bytes(node));
    }

    public static Reply html(int status, String html) {
        return new Reply(status, Map.of("Content-Type", "text/html; charset=utf-8"), html.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply text(int status, String text) {
        return new Reply(status, Map.of("Content-Type", "text/plain; charset=utf-8"), text.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply empty(int status) {
        return new Reply(status, Map.of(), new byte[0]);
    }

    public static Reply redirect(String location) {
        return new Reply(302, Map.of("Location", location), new byte[0]);
    }

    /** This reply with one more header. */
    public Reply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, copy, body);
    }

    public Reply withHeaders(Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.putAll(more);
        return new Reply(status, copy, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
