package dev.deskloop.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JDK HTTP server on virtual threads, dispatching each request to the endpoint mounted at the
 * longest matching path prefix. Endpoints never see the exchange, only a {@link Call}.
 */
public final class SimulatorServer implements AutoCloseable {

    /** Something that answers calls below a mount point; the call's path is the full path. */
    @FunctionalInterface
    public interface Endpoint {
        Reply handle(Call call);
    }

    private record Mount(String prefix, Endpoint endpoint) {
    }

    /** Bodies larger than this are refused before any provider sees them. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Mount> mounts = new ArrayList<>();

    public SimulatorServer(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 200);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    public SimulatorServer mount(String prefix, Endpoint endpoint) {
        mounts.add(new Mount(prefix, endpoint));
        mounts.sort(Comparator.comparingInt((Mount m) -> m.prefix.length()).reversed());
        return this;
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                reply = Reply.text(413, "Request body too large");
            } else {
                String path = exchange.getRequestURI().getRawPath();
                Call call = new Call(exchange.getRequestMethod(), decodePath(path), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body);
                reply = dispatch(call);
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean noBody = reply.status() == 204 || reply.status() == 304 || exchange.getRequestMethod().equals("HEAD")
                || reply.body().length == 0;
            exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    private Reply dispatch(Call call) {
        for (Mount mount : mounts) {
            if (call.path().equals(mount.prefix) || call.path().startsWith(mount.prefix.endsWith("/") ? mount.prefix : mount.prefix + "/")
                || mount.prefix.equals("/")) {
                try {
                    return mount.endpoint.handle(call);
                } catch (RuntimeException bug) {
                    ObjectNode error = Json.object();
                    error.put("error", "SimulatorError");
                    error.put("description", "The simulator failed on this request: " + bug);
                    return Reply.json(500, error);
                }
            }
        }
        return Reply.text(404, "Not found");
    }

    private static String decodePath(String rawPath) {
        // Keep %2F and friends inside segments for the router; only decode what is safe at this level.
        return rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_BODY_BYTES + 1);
        return data.length > MAX_BODY_BYTES ? null : data;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
