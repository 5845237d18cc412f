package dev.deskloop.simulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One incoming HTTP request as the simulator sees it: method, path (relative to the provider's mount
 * point once routed), decoded query parameters, headers with lower-case names and the raw body bytes.
 */
public record Call(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public Call {
        headers = lowerCase(headers);
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body == null ? new byte[0] : body;
    }

    /** The same request with another path, used when a mount point strips its prefix. */
    public Call withPath(String newPath) {
        return new Call(method, newPath, rawQuery, headers, body);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.getFirst());
    }

    public Map<String, String> query() {
        return decodeForm(rawQuery);
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(query().get(name));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as {@code application/x-www-form-urlencoded}. */
    public Map<String, String> form() {
        return decodeForm(bodyText());
    }

    public String contentType() {
        return header("content-type").map(v -> v.toLowerCase(Locale.ROOT)).orElse("");
    }

    public boolean isJson() {
        return contentType().startsWith("application/json") || contentType().contains("+json");
    }

    public boolean isForm() {
        return contentType().startsWith("application/x-www-form-urlencoded");
    }

    public static Map<String, String> decodeForm(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                values.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                values.putIfAbsent(key, value);
            }
        }
        return values;
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> result.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new java.util.ArrayList<>()).addAll(v));
        }
        result.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(result);
    }
}
