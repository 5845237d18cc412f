package dev.deskloop.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately small HTTP/1.1 client for the load generator: blocking sockets on virtual threads, persistent
 * connections kept in a pool, one request at a time per connection. It costs the shared CPUs far less per request than
 * {@link java.net.http.HttpClient} (whose single selector thread also becomes the bottleneck with hundreds of
 * connections), so that the figures describe Deskloop rather than the generator. Only POST with a body, only
 * 127.0.0.1.
 */
final class RawHttp implements Closeable {

    record Response(int status, String body) {
    }

    private final InetSocketAddress address;
    private final String path;
    private final String hostHeader;
    private final int timeoutMillis;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger opened = new AtomicInteger();

    RawHttp(URI target, int timeoutMillis) {
        this.address = new InetSocketAddress(target.getHost(), target.getPort());
        this.path = target.getRawPath();
        this.hostHeader = target.getHost() + ":" + target.getPort();
        this.timeoutMillis = timeoutMillis;
    }

    /** How many TCP connections were opened so far (Tomcat closes one after 100 requests by default). */
    int connectionsOpened() {
        return opened.get();
    }

    Response post(Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(512)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] request = head.toString().getBytes(StandardCharsets.ISO_8859_1);

        Connection connection = idle.pollFirst();
        boolean reused = connection != null;
        if (connection == null) {
            connection = open();
        }
        try {
            Response response = connection.exchange(request, body);
            if (connection.reusable) {
                idle.offerFirst(connection);
            } else {
                connection.close();
            }
            return response;
        } catch (IOException e) {
            connection.close();
            if (reused && (e instanceof EOFException || e instanceof java.net.SocketException)) {
                // The server closed an idle keep-alive connection just before we used it: one fresh try.
                Connection fresh = open();
                try {
                    Response response = fresh.exchange(request, body);
                    if (fresh.reusable) {
                        idle.offerFirst(fresh);
                    } else {
                        fresh.close();
                    }
                    return response;
                } catch (IOException again) {
                    fresh.close();
                    throw again;
                }
            }
            throw e;
        }
    }

    private Connection open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, 5_000);
            socket.setSoTimeout(timeoutMillis);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        opened.incrementAndGet();
        return new Connection(socket);
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean reusable = true;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        }

        Response exchange(byte[] head, byte[] body) throws IOException {
            out.write(head);
            out.write(body);
            out.flush();
            String statusLine = line();
            if (statusLine == null) {
                throw new EOFException("connection closed before the status line");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            String header;
            while ((header = line()) != null && !header.isEmpty()) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> reusable &= !value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            if (header == null) {
                throw new EOFException("connection closed in the headers");
            }
            byte[] content;
            if (chunked) {
                content = chunkedBody();
            } else if (length >= 0) {
                content = in.readNBytes((int) length);
                if (content.length != length) {
                    throw new EOFException("connection closed in the body");
                }
            } else {
                content = in.readAllBytes();
                reusable = false;
            }
            return new Response(status, new String(content, StandardCharsets.UTF_8));
        }

        private byte[] chunkedBody() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                if (size == null) {
                    throw new EOFException("connection closed in a chunk");
                }
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).strip(), 16);
                if (n == 0) {
                    String trailer;
                    while ((trailer = line()) != null && !trailer.isEmpty()) {
                        // trailers are ignored
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                line();
            }
        }

        /** One header line without CRLF, or null at end of stream. */
        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    int len = sb.length();
                    if (len > 0 && sb.charAt(len - 1) == '\r') {
                        sb.setLength(len - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) b);
            }
            return sb.isEmpty() ? null : sb.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
