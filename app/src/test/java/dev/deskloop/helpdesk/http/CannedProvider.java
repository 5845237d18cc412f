package dev.deskloop.helpdesk.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that answers fixed JSON per path, standing in for a provider that sends whatever it likes,
 * and the {@link ProviderHttp} that calls it.
 */
public final class CannedProvider implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    public CannedProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = answers.get(exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** Answers {@code json} to every GET of {@code path}. */
    public CannedProvider answer(String path, String json) {
        answers.put(path, json);
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public ProviderHttp http() {
        return new ProviderHttp(Clock.systemUTC());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
