package dev.deskloop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deskloop as a black box: {@code java -jar app/target/deskloop-app.jar} in a child process bound to 127.0.0.1, its
 * console (JSON logs plus the one-time setup link) written to a file in the run directory.
 */
final class AppUnderTest implements AutoCloseable {

    private static final Pattern SETUP_LINK = Pattern.compile("(http://\\S+/setup/[A-Za-z0-9_\\-]+)");

    private final Process process;
    private final Path console;
    private final int port;
    private final String baseUrl;

    private AppUnderTest(Process process, Path console, int port) {
        this.process = process;
        this.console = console;
        this.port = port;
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /**
     * Starts the jar. {@code env} is added to a copy of this process's environment from which every
     * {@code DESKLOOP_*} and {@code SPRING_*} variable was removed, so that nothing from the caller's shell changes the
     * run (an exported DESKLOOP_DATABASE_URL would otherwise turn the H2 run into a PostgreSQL one).
     */
    static AppUnderTest start(String java, Path jar, List<String> jvmOptions, List<String> appArgs,
                              Map<String, String> env, Path runDir, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.address=127.0.0.1");
        command.addAll(appArgs);
        Path console = runDir.resolve("app-console.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(runDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("DESKLOOP_") || name.startsWith("SPRING_"));
        environment.putAll(env);
        environment.put("DESKLOOP_PORT", Integer.toString(port));
        return new AppUnderTest(builder.start(), console, port);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path console() {
        return console;
    }

    /** Waits for the setup link on the console and for {@code /actuator/health} to answer UP. */
    String awaitSetupLink(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String link = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Deskloop exited with " + process.exitValue() + " during start; see "
                        + console + "\n" + tail(40));
            }
            if (link == null) {
                link = findSetupLink();
            }
            if (link != null && healthy()) {
                return link;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no setup link and healthy /actuator/health within " + timeout.toSeconds()
                + " s (a PostgreSQL database that is not empty prints no link); see " + console + "\n" + tail(40));
    }

    private String findSetupLink() {
        try {
            if (!Files.exists(console)) {
                return null;
            }
            String text = Files.readString(console, StandardCharsets.UTF_8);
            Matcher m = SETUP_LINK.matcher(text);
            return m.find() ? m.group(1) : null;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    private boolean healthy() {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** ERROR lines of the app's JSON console, grouped by the start of their message, with their counts. */
    Map<String, Integer> errors() {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        Pattern message = Pattern.compile("\"message\":\"((?:[^\"\\\\]|\\\\.){0,160})");
        try (var lines = Files.lines(console, StandardCharsets.UTF_8)) {
            lines.filter(line -> line.contains("\"level\":\"ERROR\"")).forEach(line -> {
                Matcher m = message.matcher(line);
                String key = m.find() ? m.group(1).replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>")
                        .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>") : line;
                out.merge(key.length() > 120 ? key.substring(0, 120) : key, 1, Integer::sum);
            });
        } catch (IOException | UncheckedIOException e) {
            out.put("(console unreadable: " + e.getMessage() + ")", 1);
        }
        return out;
    }

    /** The last lines of the console, for error messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(console, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(console unreadable: " + e.getMessage() + ")";
        }
    }

    /** Graceful stop (SIGTERM, Spring's graceful shutdown), then SIGKILL after 20 s. Safe to call twice. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
