package dev.deskloop.simulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a method and path against routes such as {@code GET /api/v2/tickets/{ticket_id}}. A route
 * may accept an optional {@code .json} suffix on its last segment, as Zendesk's API does.
 */
public final class Router<C> {

    /** What a route does with a matched call. */
    @FunctionalInterface
    public interface Handler<C> {
        Reply handle(C context, Map<String, String> params);
    }

    /** A found route with its path parameters. */
    public record Match<C>(Handler<C> handler, Map<String, String> params, String pattern, String tag) {
    }

    /** Why no route was found: no such path at all, or the path exists with other methods. */
    public enum Miss { NOT_FOUND, METHOD_NOT_ALLOWED }

    private record Route<C>(String method, String[] segments, boolean jsonSuffix, Handler<C> handler, String pattern, String tag) {
    }

    private final List<Route<C>> routes = new ArrayList<>();
    private final boolean jsonSuffix;

    /** @param jsonSuffix whether every route also matches with {@code .json} appended */
    public Router(boolean jsonSuffix) {
        this.jsonSuffix = jsonSuffix;
    }

    public Router<C> add(String method, String pattern, Handler<C> handler) {
        return add(method, pattern, "", handler);
    }

    /** Adds a route with a tag the caller reads back from the match (e.g. the scope it needs). */
    public Router<C> add(String method, String pattern, String tag, Handler<C> handler) {
        routes.add(new Route<>(method, split(pattern), jsonSuffix, handler, method + " " + pattern, tag));
        return this;
    }

    public Optional<Match<C>> find(String method, String path) {
        String[] actual = split(path);
        for (Route<C> route : routes) {
            if (route.method.equals(method)) {
                Map<String, String> params = match(route, actual);
                if (params != null) {
                    return Optional.of(new Match<>(route.handler, params, route.pattern, route.tag));
                }
            }
        }
        return Optional.empty();
    }

    public Miss miss(String path) {
        String[] actual = split(path);
        for (Route<C> route : routes) {
            if (match(route, actual) != null) {
                return Miss.METHOD_NOT_ALLOWED;
            }
        }
        return Miss.NOT_FOUND;
    }

    private static Map<String, String> match(Route<?> route, String[] actual) {
        if (route.segments.length != actual.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < actual.length; i++) {
            String expected = route.segments[i];
            String segment = actual[i];
            boolean last = i == actual.length - 1;
            if (last && route.jsonSuffix && segment.endsWith(".json")) {
                segment = segment.substring(0, segment.length() - 5);
            }
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (segment.isEmpty()) {
                    return null;
                }
                params.put(expected.substring(1, expected.length() - 1), segment);
            } else if (!expected.equals(segment)) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return new String[0];
        }
        String[] parts = trimmed.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = java.net.URLDecoder.decode(parts[i].replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        }
        return parts;
    }
}
