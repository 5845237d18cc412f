package dev.deskloop.triage.eval;

import dev.deskloop.triage.ServiceCatalog;
import dev.deskloop.triage.TriageEngines;
import dev.deskloop.triage.builtin.BuiltinTriageEngine;
import dev.deskloop.triage.json.LabelledTicket;
import dev.deskloop.triage.json.TriageJson;
import dev.deskloop.triage.model.FeatureSpec;
import dev.deskloop.triage.model.MiniLmEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./deskloop eval}: evaluates the built-in engine on NLBSE'24 (classifier trained on issues_train.csv only,
 * scored on issues_test.csv) and on the labelled SaaS support tickets (engine trained on the train split, scored on
 * the dev split). Prints its figures to standard output.
 */
public final class EvalCli {

    private static final String USAGE = """
            usage: EvalCli --datasets DIR [--only nlbse|tickets] [--cv [FOLDS] [--fold K] [--spec SPEC[;SPEC...]]]
                          [--encoder stock|FILE.onnx] [--head shipped|none|PREFIX[,PREFIX...]]
                          [--head-weight W[,W...]]
                          [--verbose] [--dev FILE.jsonl] [--services FILE.yaml]
              --datasets DIR   folder that contains nlbse24/issues_train.csv and issues_test.csv
              --only WHICH     run only the NLBSE'24 benchmark or only the labelled ticket set
              --cv [FOLDS]     cross-validate on the training data only (for tuning): the built-in engine on
                               the ticket train split instead of scoring the dev split, and the NLBSE'24
                               classifier on issues_train.csv instead of scoring issues_test.csv
              --fold K         with --cv: hold out fold K alone (0-based) on NLBSE'24, for an encoder
                               fine-tuned on the other folds
              --encoder WHICH  the MiniLM copy whose embeddings the classifier reads: stock (default) or an
                               ONNX file; with --cv on tickets, "{fold}" in the name is replaced by each
                               fold's number (copies fine-tuned without that fold)
              --head WHICH     an encoder fine-tuned on NLBSE'24 training issues whose head's
                               log-probabilities are added to the classifier's: shipped (eval/nlbse-bge-small,
                               the default when scoring issues_test.csv), none (the default with --cv: the
                               shipped copy has seen every training issue) or PREFIX for PREFIX.onnx and
                               PREFIX.head.json (as ./deskloop finetune --holdout K --out PREFIX writes);
                               several PREFIXes separated by ',' average their log-probabilities
              --head-weight W  the weight of those log-probabilities (default 0.5); with --cv a list
                               separated by ',' is compared
              --spec SPECS     with --cv: the settings to compare, separated by ';', each
                               titleTokens,textTokens,embedding,word,char,l2[,group[,cues]] (default: the
                               shipped settings)
              --verbose        list every ticket the engine gets wrong
              --dev, --services  labelled tickets and their service catalog (default: eval/dev.jsonl and
                               eval/services.yaml on the class path)""";

    private EvalCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path datasets = null;
        String only = null;
        int folds = 0;
        int fold = -1;
        String encoderName = null;
        String head = null;
        List<Double> headWeights = List.of(NlbseEvaluation.HEAD_WEIGHT);
        boolean verbose = false;
        Path dev = null;
        Path services = null;
        List<FeatureSpec> specs = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--datasets" -> datasets = Path.of(value(args, ++i, "--datasets"));
                    case "--only" -> only = value(args, ++i, "--only");
                    case "--cv" -> folds = i + 1 < args.length && args[i + 1].matches("\\d+")
                            ? Integer.parseInt(args[++i]) : 5;
                    case "--fold" -> fold = number(value(args, ++i, "--fold"), "--fold");
                    case "--encoder" -> encoderName = value(args, ++i, "--encoder");
                    case "--head" -> head = value(args, ++i, "--head");
                    case "--head-weight" -> headWeights = weights(value(args, ++i, "--head-weight"));
                    case "--verbose" -> verbose = true;
                    case "--spec" -> specs = specs(value(args, ++i, "--spec"));
                    case "--dev" -> dev = Path.of(value(args, ++i, "--dev"));
                    case "--services" -> services = Path.of(value(args, ++i, "--services"));
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (only != null && !only.equals("nlbse") && !only.equals("tickets")) {
                throw new IllegalArgumentException("--only takes nlbse or tickets");
            }
            if (datasets == null && !"tickets".equals(only)) {
                throw new IllegalArgumentException("--datasets is required (the folder that contains nlbse24/)");
            }
            if (folds == 1) {
                throw new IllegalArgumentException("--cv needs at least 2 folds");
            }
            if (fold >= 0 && (folds == 0 || fold >= folds)) {
                throw new IllegalArgumentException("--fold needs --cv and a fold below the number of folds");
            }
            if (folds == 0 && headWeights.size() > 1) {
                throw new IllegalArgumentException("--head-weight takes one weight unless with --cv");
            }
        } catch (IllegalArgumentException e) {
            err.println("eval: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            if (!"tickets".equals(only)) {
                Path nlbse = datasets.resolve("nlbse24");
                if (!Files.exists(nlbse.resolve("issues_test.csv"))) {
                    err.println("eval: " + nlbse.resolve("issues_test.csv") + " not found");
                    return 2;
                }
                MiniLmEncoder encoder = encoder(encoderName);
                NlbseEvaluation.Fusion fusion = fusion(head != null ? head : folds > 0 ? "none" : "shipped",
                        headWeights);
                if (folds > 0) {
                    NlbseEvaluation.crossValidate(nlbse, specs != null ? specs : List.of(NlbseEvaluation.SPEC),
                            folds, fold, encoder, fusion, out);
                } else {
                    NlbseEvaluation.run(nlbse, encoder, fusion, out);
                }
            }
            if (!"nlbse".equals(only)) {
                ServiceCatalog catalog = services != null ? TriageJson.readCatalog(services)
                        : TriageJson.readCatalog(resource("/eval/services.yaml", "/dev/deskloop/triage/builtin/services.yaml"));
                if (folds > 0) {
                    List<LabelledTicket> train = parse(resource("/dev/deskloop/triage/builtin/train.jsonl"),
                            "builtin/train.jsonl");
                    for (FeatureSpec spec : specs != null ? specs : List.of(FeatureSpec.defaults())) {
                        out.println("feature spec: " + spec);
                        String name = encoderName;
                        TicketSetEvaluation.crossValidate(train, catalog, spec, folds,
                                k -> encoder(name == null ? null : name.replace("{fold}", Integer.toString(k))),
                                out, verbose);
                    }
                } else {
                    String devText = dev != null ? Files.readString(dev) : resource("/eval/dev.jsonl");
                    List<LabelledTicket> tickets = parse(devText, dev != null ? dev.toString() : "eval/dev.jsonl");
                    long start = System.nanoTime();
                    var engine = TriageEngines.builtin();
                    out.printf("%nbuilt-in engine loaded in %.2f s%n", (System.nanoTime() - start) / 1e9);
                    TicketSetEvaluation.evaluate("Labelled SaaS support tickets, dev split, engine "
                            + BuiltinTriageEngine.NAME, engine, tickets, catalog, out, verbose);
                }
            }
            return 0;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("eval: " + e.getMessage());
            return 1;
        }
    }

    private static MiniLmEncoder encoder(String name) {
        if (name == null || "stock".equals(name)) {
            return MiniLmEncoder.shared();
        }
        return MiniLmEncoder.load(existing(Path.of(name), "--encoder"));
    }

    private static NlbseEvaluation.Fusion fusion(String head, List<Double> weights) throws IOException {
        if ("none".equals(head)) {
            return null;
        }
        if ("shipped".equals(head)) {
            return new NlbseEvaluation.Fusion(MiniLmEncoder.load(NlbseEvaluation.ENCODER),
                    EncoderHead.parse(resource(NlbseEvaluation.HEAD)), weights);
        }
        List<NlbseEvaluation.Member> members = new ArrayList<>();
        for (String part : head.split(",")) {
            String prefix = part.strip();
            members.add(new NlbseEvaluation.Member(
                    MiniLmEncoder.load(existing(Path.of(prefix + ".onnx"), "--head")),
                    EncoderHead.parse(Files.readString(existing(Path.of(prefix + ".head.json"), "--head")))));
        }
        return new NlbseEvaluation.Fusion(members, weights);
    }

    private static Path existing(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + ": " + file + " is not a file");
        }
        return file;
    }

    private static List<Double> weights(String text) {
        List<Double> weights = new ArrayList<>();
        for (String one : text.split(",")) {
            try {
                weights.add(Double.parseDouble(one.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--head-weight: not a number: " + one);
            }
        }
        return weights;
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a whole number: " + text);
        }
    }

    private static List<LabelledTicket> parse(String jsonl, String name) {
        return LabelledTicket.parseAll(jsonl, name);
    }

    private static String resource(String... names) throws IOException {
        for (String name : names) {
            try (InputStream in = EvalCli.class.getResourceAsStream(name)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IOException(String.join(" or ", names) + " is not on the class path (add triage/target/test-classes, "
                + "or pass --dev/--services)");
    }

    /** Settings separated by ';', each "titleTokens,textTokens,embedding,word,char,l2[,group[,cues]]". */
    static List<FeatureSpec> specs(String text) {
        List<FeatureSpec> specs = new ArrayList<>();
        for (String one : text.split(";")) {
            if (!one.isBlank()) {
                specs.add(spec(one.strip()));
            }
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("--spec needs at least one setting");
        }
        return specs;
    }

    private static FeatureSpec spec(String text) {
        String[] p = text.split(",");
        if (p.length < 6 || p.length > 8) {
            throw new IllegalArgumentException(
                    "--spec takes titleTokens,textTokens,embedding,word,char,l2[,group[,cues]]");
        }
        try {
            return new FeatureSpec(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()),
                    Double.parseDouble(p[2]), Double.parseDouble(p[3]), Double.parseDouble(p[4]),
                    p.length > 6 ? Double.parseDouble(p[6]) : 0.0,
                    dev.deskloop.triage.text.NormalizedTicket.CLASSIFICATION_CHARS, Double.parseDouble(p[5]), true,
                    p.length > 7 ? Double.parseDouble(p[7]) : 0.0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--spec: not a number in " + text);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
