package dev.deskloop.triage.cli;

import dev.deskloop.triage.LlmSettings;
import dev.deskloop.triage.ServiceCatalog;
import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.Triage;
import dev.deskloop.triage.TriageContext;
import dev.deskloop.triage.TriageEngine;
import dev.deskloop.triage.TriageEngines;
import dev.deskloop.triage.json.InvalidInputException;
import dev.deskloop.triage.json.TriageJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code ./deskloop triage --services FILE [--jsonl] [INPUT|-]}: triages one {@code TicketDocument} (or one per line
 * with {@code --jsonl}) and prints the {@code Triage} JSON, one result per line, in order. Only results go to
 * standard output; errors go to standard error naming the line and field. Exit codes: 0 all triaged, 1 some input
 * invalid, 2 usage error. Uses the LLM engine when {@code DESKLOOP_LLM_BASE_URL} and {@code DESKLOOP_LLM_MODEL} are
 * set (with the built-in engine as fallback), the built-in engine otherwise or with {@code --engine builtin}.
 */
public final class TriageCli {

    static final int OK = 0;
    static final int INVALID_INPUT = 1;
    static final int USAGE = 2;
    private static final String HELP = """
            usage: deskloop triage --services FILE [--jsonl] [--engine builtin|llm] [--zone ZONE]
                                   [--buffer-hours HOURS] [INPUT|-]
              --services FILE    service catalog YAML: services: [{name, description, keywords: [...]}]
              --jsonl            one TicketDocument per input line, one Triage per output line, in order
              --engine NAME      builtin (default), or llm (needs DESKLOOP_LLM_BASE_URL and DESKLOOP_LLM_MODEL;
                                 chosen by default when they are set)
              --zone ZONE        zone for local times such as "since 9am" (default UTC), e.g. Europe/Paris
              --buffer-hours H   log history before the ticket when it names no time (default 2)
              INPUT              file to read, or - for standard input (the default)""";

    /** The parsed command line. */
    record Options(Path services, boolean jsonl, String engine, ZoneId zone, Duration buffer, String input) {
    }

    private TriageCli() {
    }

    public static void main(String[] args) {
        var out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, System.err, System.getenv(), TriageEngines::builtin);
        out.flush();
        System.exit(status);
    }

    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env,
                   Supplier<TriageEngine> builtin) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("deskloop triage: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        if (options == null) {
            out.println(HELP);
            return OK;
        }
        ServiceCatalog catalog;
        try {
            catalog = TriageJson.readCatalog(options.services());
        } catch (NoSuchFileException e) {
            err.println("deskloop triage: service catalog " + options.services() + " not found");
            return USAGE;
        } catch (IOException e) {
            err.println("deskloop triage: cannot read " + options.services() + ": " + e.getMessage());
            return USAGE;
        } catch (InvalidInputException e) {
            err.println("deskloop triage: " + options.services() + ": " + e.getMessage());
            return USAGE;
        }
        TriageEngine engine;
        try {
            engine = engine(options.engine(), env, builtin);
        } catch (IllegalArgumentException e) {
            err.println("deskloop triage: " + e.getMessage());
            return USAGE;
        }
        var context = new TriageContext(catalog, options.buffer(), options.zone());
        try (InputStream input = open(options.input(), stdin)) {
            var reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
            return options.jsonl() ? lines(reader, engine, context, out, err) : single(reader, engine, context, out, err);
        } catch (NoSuchFileException e) {
            err.println("deskloop triage: input " + options.input() + " not found");
            return USAGE;
        } catch (IOException | UncheckedIOException e) {
            err.println("deskloop triage: cannot read input: " + e.getMessage());
            return INVALID_INPUT;
        }
    }

    static Options parse(String[] args) {
        Path services = null;
        boolean jsonl = false;
        String engine = null;
        ZoneId zone = ZoneId.of("UTC");
        Duration buffer = TriageContext.DEFAULT_BUFFER;
        String input = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--services" -> services = Path.of(value(args, ++i, arg));
                case "--jsonl" -> jsonl = true;
                case "--engine" -> {
                    engine = value(args, ++i, arg);
                    if (!engine.equals("builtin") && !engine.equals("llm")) {
                        throw new IllegalArgumentException("--engine takes builtin or llm, not " + engine);
                    }
                }
                case "--zone" -> {
                    try {
                        zone = ZoneId.of(value(args, ++i, arg));
                    } catch (DateTimeException e) {
                        throw new IllegalArgumentException("unknown zone " + args[i]);
                    }
                }
                case "--buffer-hours" -> {
                    try {
                        double hours = Double.parseDouble(value(args, ++i, arg));
                        if (hours < 0 || hours > 24 * 31) {
                            throw new NumberFormatException();
                        }
                        buffer = Duration.ofSeconds(Math.round(hours * 3600));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--buffer-hours takes a number of hours from 0 to 744");
                    }
                }
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (input != null) {
                        throw new IllegalArgumentException("only one INPUT may be given");
                    }
                    input = arg;
                }
            }
        }
        if (services == null) {
            throw new IllegalArgumentException("--services FILE is required (services: [] is a valid empty catalog)");
        }
        return new Options(services, jsonl, engine, zone, buffer, input == null ? "-" : input);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static TriageEngine engine(String name, Map<String, String> env, Supplier<TriageEngine> builtin) {
        Optional<LlmSettings> llm = LlmSettings.fromEnvironment(env);
        if ("llm".equals(name) && llm.isEmpty()) {
            throw new IllegalArgumentException("--engine llm needs DESKLOOP_LLM_BASE_URL and DESKLOOP_LLM_MODEL");
        }
        if ("builtin".equals(name) || llm.isEmpty()) {
            return builtin.get();
        }
        return TriageEngines.llm(llm.get(), builtin.get());
    }

    private static InputStream open(String input, InputStream stdin) throws IOException {
        return "-".equals(input) ? stdin : Files.newInputStream(Path.of(input));
    }

    private static int single(BufferedReader reader, TriageEngine engine, TriageContext context, PrintStream out,
                              PrintStream err) throws IOException {
        var text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) > 0; ) {
            text.append(buffer, 0, n);
        }
        try {
            TicketDocument document = TriageJson.readDocument(text.toString());
            out.println(TriageJson.writeTriage(engine.triage(document, context)));
            out.flush();
            return OK;
        } catch (InvalidInputException e) {
            err.println("deskloop triage: invalid document: " + e.getMessage());
            return INVALID_INPUT;
        }
    }

    private static int lines(BufferedReader reader, TriageEngine engine, TriageContext context, PrintStream out,
                             PrintStream err) throws IOException {
        int status = OK;
        int number = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                Triage triage = engine.triage(TriageJson.readDocument(line), context);
                out.println(TriageJson.writeTriage(triage));
                out.flush();
            } catch (InvalidInputException e) {
                err.println("deskloop triage: line " + number + ": " + e.getMessage());
                status = INVALID_INPUT;
            }
        }
        return status;
    }
}
