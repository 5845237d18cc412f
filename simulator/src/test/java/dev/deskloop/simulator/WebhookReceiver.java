package dev.deskloop.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

/** A local endpoint standing in for Deskloop's webhook receiver: records requests, answers scripted statuses. */
final class WebhookReceiver implements AutoCloseable {

    record Received(String method, String path, Map<String, String> headers, byte[] body) {
        String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final ConcurrentLinkedDeque<Integer> scripted = new ConcurrentLinkedDeque<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (!exchange.getRequestMethod().equals("HEAD")) {
                    Map<String, String> headers = new HashMap<>();
                    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
                    synchronized (received) {
                        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
                    }
                }
                Integer status = exchange.getRequestMethod().equals("HEAD") ? null : scripted.pollFirst();
                exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            }
        });
        server.start();
    }

    /** The next answers, in order; afterwards 200. */
    void answer(int... statuses) {
        for (int s : statuses) {
            scripted.addLast(s);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
