package dev.deskloop.simulator;

import dev.deskloop.simulator.intercom.IntercomSettings;
import dev.deskloop.simulator.zendesk.ZendeskSettings;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./deskloop simulator [--port N] [--host 127.0.0.1]}: runs the simulators alone and prints the
 * URLs and the OAuth client ids and secrets they accept. Options may also come from the environment
 * ({@code SIMULATOR_PORT}, {@code SIMULATOR_HOST}, {@code SIMULATOR_ZENDESK_CLIENT_ID},
 * {@code SIMULATOR_ZENDESK_CLIENT_SECRET}, {@code SIMULATOR_INTERCOM_CLIENT_ID},
 * {@code SIMULATOR_INTERCOM_CLIENT_SECRET}, {@code SIMULATOR_ZENDESK_REDIRECT_URIS},
 * {@code SIMULATOR_INTERCOM_REDIRECT_URIS}, {@code SIMULATOR_INTERCOM_WEBHOOK_URL}); arguments win.
 */
public final class SimulatorMain {

    /** The port {@code ./deskloop simulator} listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 8081;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (IllegalArgumentException e) {
            System.err.println("simulator: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        if (options.help()) {
            usage(System.out);
            return;
        }
        Simulator simulator;
        try {
            simulator = Simulator.start(options.config());
        } catch (RuntimeException e) {
            System.err.println("simulator: " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        printBanner(System.out, simulator);
        if (options.intercomWebhookUrl() != null) {
            try {
                simulator.intercom().configureWebhook(options.intercomWebhookUrl());
                System.out.println("Intercom webhook URL set to " + options.intercomWebhookUrl());
            } catch (IllegalArgumentException e) {
                System.out.println("Intercom webhook URL not set: " + e.getMessage() + " (set it later with POST /control/intercom/webhook)");
            }
        }
        stopped.await();
    }

    static void printBanner(PrintStream out, Simulator simulator) {
        String base = simulator.baseUrl();
        out.println("Deskloop provider simulator running at " + base + "/");
        out.println();
        out.println("Zendesk (any subdomain S exists on demand)");
        out.println("  base URL        " + base + "/zendesk/S          (stands in for https://S.zendesk.com)");
        out.println("  consent page    " + base + "/zendesk/S/oauth/authorizations/new");
        out.println("  token endpoint  " + base + "/zendesk/S/oauth/tokens");
        out.println("  client id       " + simulator.zendesk().clientId());
        out.println("  client secret   " + simulator.zendesk().clientSecret());
        out.println();
        out.println("Intercom");
        out.println("  API base URL    " + simulator.intercom().apiBaseUrl() + "   (stands in for https://api.intercom.io)");
        out.println("  consent page    " + simulator.intercom().authorizeUrl() + "   (stands in for https://app.intercom.com/oauth)");
        out.println("  client id       " + simulator.intercom().clientId());
        out.println("  client secret   " + simulator.intercom().clientSecret() + "   (also signs webhooks)");
        out.println("  app id          " + simulator.intercom().appId());
        out.println("  webhook URL     set with POST " + base + "/control/intercom/webhook {\"url\": \"...\"}");
        out.println();
        out.println("Control API       " + base + "/control   (GET lists every endpoint)");
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }

    private static void usage(PrintStream out) {
        out.println("""
            Usage: ./deskloop simulator [--port N] [--host ADDRESS]
                     [--zendesk-client-id ID] [--zendesk-client-secret SECRET]
                     [--intercom-client-id ID] [--intercom-client-secret SECRET]
                     [--zendesk-redirect-uri URL]... [--intercom-redirect-uri URL]...
                     [--intercom-webhook-url URL]
            Defaults: port 8081, host 127.0.0.1, client ids deskloop-demo / deskloop-demo-intercom,
            client secrets random per start unless given. See docs/simulator.md.""");
    }

    /** Parsed command line and environment. */
    record Options(boolean help, SimulatorConfig config, String intercomWebhookUrl) {

        static Options parse(String[] args, Map<String, String> env) {
            String host = env.getOrDefault("SIMULATOR_HOST", SimulatorConfig.DEFAULT_HOST);
            int port = parsePort(env.getOrDefault("SIMULATOR_PORT", Integer.toString(DEFAULT_PORT)));
            ZendeskSettings zendesk = ZendeskSettings.defaults();
            IntercomSettings intercom = IntercomSettings.defaults();
            String zId = env.getOrDefault("SIMULATOR_ZENDESK_CLIENT_ID", zendesk.clientId());
            String zSecret = env.getOrDefault("SIMULATOR_ZENDESK_CLIENT_SECRET", zendesk.clientSecret());
            String iId = env.getOrDefault("SIMULATOR_INTERCOM_CLIENT_ID", intercom.clientId());
            String iSecret = env.getOrDefault("SIMULATOR_INTERCOM_CLIENT_SECRET", intercom.clientSecret());
            List<String> zRedirects = split(env.get("SIMULATOR_ZENDESK_REDIRECT_URIS"));
            List<String> iRedirects = split(env.get("SIMULATOR_INTERCOM_REDIRECT_URIS"));
            String webhook = env.get("SIMULATOR_INTERCOM_WEBHOOK_URL");
            boolean help = false;
            java.util.ArrayList<String> zExtra = new java.util.ArrayList<>(zRedirects);
            java.util.ArrayList<String> iExtra = new java.util.ArrayList<>(iRedirects);
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "-h", "--help" -> help = true;
                    case "--port" -> port = parsePort(value != null ? value : next(args, ++i, arg));
                    case "--host" -> host = value != null ? value : next(args, ++i, arg);
                    case "--zendesk-client-id" -> zId = value != null ? value : next(args, ++i, arg);
                    case "--zendesk-client-secret" -> zSecret = value != null ? value : next(args, ++i, arg);
                    case "--intercom-client-id" -> iId = value != null ? value : next(args, ++i, arg);
                    case "--intercom-client-secret" -> iSecret = value != null ? value : next(args, ++i, arg);
                    case "--zendesk-redirect-uri" -> zExtra.add(value != null ? value : next(args, ++i, arg));
                    case "--intercom-redirect-uri" -> iExtra.add(value != null ? value : next(args, ++i, arg));
                    case "--intercom-webhook-url" -> webhook = value != null ? value : next(args, ++i, arg);
                    default -> throw new IllegalArgumentException("unknown option " + Arrays.asList(args).get(i));
                }
            }
            SimulatorConfig config = SimulatorConfig.defaults().withHost(host).withPort(port)
                .withZendesk(zendesk.withClient(zId, zSecret).withRedirectUris(zExtra))
                .withIntercom(intercom.withClient(iId, iSecret).withRedirectUris(iExtra));
            return new Options(help, config, webhook);
        }

        private static String next(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value.trim());
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port: " + value);
            }
        }

        private static List<String> split(String value) {
            return value == null || value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }
}
