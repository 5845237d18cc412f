package dev.deskloop.triage.eval;

import dev.deskloop.triage.Category;
import dev.deskloop.triage.builtin.BuiltinModel;
import dev.deskloop.triage.builtin.BuiltinTriageEngine;
import dev.deskloop.triage.json.LabelledTicket;
import dev.deskloop.triage.model.FeatureSpec;
import dev.deskloop.triage.model.MiniLmEncoder;
import dev.deskloop.triage.model.RawFeatures;
import dev.deskloop.triage.model.TextClassifier;
import dev.deskloop.triage.text.TicketNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Trains the built-in engine's model from the labelled tickets and writes it where the jar picks it up. Runs in the
 * Maven build ({@code process-classes}); skips the work when neither the data nor the code it depends on changed.
 * Usage: {@code BuiltinModelTrainer TRAIN_JSONL OUTPUT_MODEL}.
 */
public final class BuiltinModelTrainer {

    private static final List<String> CODE_PACKAGES = List.of("dev/deskloop/triage/model", "dev/deskloop/triage/text",
            "dev/deskloop/triage/builtin", "dev/deskloop/triage/eval/BuiltinModelTrainer.class");

    private BuiltinModelTrainer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BuiltinModelTrainer TRAIN_JSONL OUTPUT_MODEL");
            System.exit(2);
        }
        Path train = Path.of(args[0]);
        Path output = Path.of(args[1]);
        String fingerprint = fingerprint(train);
        if (Files.exists(output)) {
            try (InputStream in = Files.newInputStream(output)) {
                if (fingerprint.equals(BuiltinModel.readFingerprint(in))) {
                    System.out.println("built-in model is up to date (" + fingerprint.substring(0, 12) + ")");
                    return;
                }
            } catch (IOException e) {
                // unreadable: train again
            }
        }
        long start = System.nanoTime();
        List<LabelledTicket> tickets = read(train);
        BuiltinModel model = train(tickets, FeatureSpec.defaults(), fingerprint);
        Files.createDirectories(output.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(output)) {
            model.write(out);
        }
        System.out.printf("trained the built-in model on %d tickets in %.1f s -> %s%n", tickets.size(),
                (System.nanoTime() - start) / 1e9, output);
    }

    /** Reads a labelled JSONL file; a malformed line stops with its line number. */
    static List<LabelledTicket> read(Path jsonl) throws IOException {
        return LabelledTicket.parseAll(Files.readString(jsonl, StandardCharsets.UTF_8), jsonl.toString());
    }

    /** Trains both classifiers of the built-in model on labelled tickets, with the stock MiniLM's embeddings. */
    public static BuiltinModel train(List<LabelledTicket> tickets, FeatureSpec spec, String fingerprint) {
        return train(tickets, spec, fingerprint, MiniLmEncoder.shared());
    }

    /** Trains both classifiers of the built-in model on labelled tickets, with {@code encoder}'s embeddings. */
    public static BuiltinModel train(List<LabelledTicket> tickets, FeatureSpec spec, String fingerprint,
                                     MiniLmEncoder encoder) {
        List<RawFeatures> features = features(tickets, spec, encoder);
        List<String> categories = tickets.stream().map(t -> t.category().wireName()).toList();
        TextClassifier category = TextClassifier.train(spec, features, categories);
        List<RawFeatures> bugFeatures = new ArrayList<>();
        List<String> severities = new ArrayList<>();
        for (int i = 0; i < tickets.size(); i++) {
            if (tickets.get(i).category() == Category.BUG && tickets.get(i).severity() != null) {
                bugFeatures.add(features.get(i));
                severities.add(tickets.get(i).severity().wireName());
            }
        }
        if (bugFeatures.isEmpty()) {
            throw new IllegalArgumentException("the training data has no bug with a severity");
        }
        TextClassifier severity = TextClassifier.train(spec, bugFeatures, severities);
        return new BuiltinModel(fingerprint, category, severity);
    }

    /** Raw features of each ticket as the engine computes them, embedded on all cores. */
    static List<RawFeatures> features(List<LabelledTicket> tickets, FeatureSpec spec, MiniLmEncoder encoder) {
        return tickets.parallelStream()
                .map(t -> RawFeatures.of(BuiltinTriageEngine.classifierInput(TicketNormalizer.normalize(t.document())),
                        spec, encoder))
                .toList();
    }

    private static String fingerprint(Path train) throws IOException, NoSuchAlgorithmException, URISyntaxException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(Files.readAllBytes(train));
        digest.update(FeatureSpec.defaults().toString().getBytes(StandardCharsets.UTF_8));
        Path classes = Path.of(BuiltinModelTrainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(classes)) {
            for (String name : CODE_PACKAGES) {
                Path path = classes.resolve(name);
                if (!Files.exists(path)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(path)) {
                    // Only code: the model itself lives in one of these folders.
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                        digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
                        digest.update(Files.readAllBytes(file));
                    }
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
