package dev.deskloop.triage.eval;

import dev.deskloop.triage.json.TriageJson;
import dev.deskloop.triage.model.ClassifierInput;
import dev.deskloop.triage.model.FeatureSpec;
import dev.deskloop.triage.model.MiniLmEncoder;
import dev.deskloop.triage.model.RawFeatures;
import dev.deskloop.triage.model.TextClassifier;
import dev.deskloop.triage.text.Markdown;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * The NLBSE'24 issue report classification benchmark: the engine's classifier (MiniLM embedding and TF-IDF
 * n-grams, logistic regression) trained on {@code issues_train.csv} only, evaluated on {@code issues_test.csv},
 * macro-F1 over bug/feature/question per project and the mean of the five projects, as the published baselines.
 */
final class NlbseEvaluation {

    /**
     * Settings chosen by 5-fold cross-validation on issues_train.csv (never on the test set): the embedding reads
     * 128 word pieces of title and the body's prose (template headings, check boxes and form fields left out);
     * those template parts are read as structure cues at weight 1.0; no separate title embedding; no per-project
     * feature copies.
     */
    static final FeatureSpec SPEC = new FeatureSpec(0, 128, 0.7, 1.0, 1.0, 0.0, 4000, 1e-3, true, 1.0);
    static final List<String> LABELS = List.of("bug", "feature", "question");
    private static final Map<String, String> PRODUCT_CATEGORY = Map.of("bug", "bug", "feature", "feature_request",
            "question", "question");
    private static final Map<String, Double> PUBLISHED = Map.of("SetFit", 0.824, "RoBERTa", 0.792, "fastText", 0.718);

    /** Mean and per-project macro-F1 of the engine's classifier. */
    record Result(Map<String, Double> perProject, double mean, double trainSeconds, double testSeconds) {
    }

    private NlbseEvaluation() {
    }

    static Result run(Path directory, PrintStream out) throws IOException {
        Path trainFile = directory.resolve("issues_train.csv");
        Path testFile = directory.resolve("issues_test.csv");
        List<NlbseIssue> train = NlbseDataset.read(trainFile);
        List<NlbseIssue> test = NlbseDataset.read(testFile);
        out.printf("NLBSE'24 issue report classification: %d training issues (%s), %d test issues (%s)%n",
                train.size(), trainFile.getFileName(), test.size(), testFile.getFileName());

        long start = System.nanoTime();
        TextClassifier classifier = TextClassifier.train(SPEC, features(train),
                train.stream().map(NlbseIssue::label).toList());
        double trainSeconds = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        List<RawFeatures> testFeatures = features(test);
        List<String> predicted = new ArrayList<>();
        for (RawFeatures features : testFeatures) {
            predicted.add(argmax(classifier, classifier.probabilities(features)));
        }
        double testSeconds = (System.nanoTime() - start) / 1e9;

        Map<String, Double> perProject = new LinkedHashMap<>();
        Map<String, List<Integer>> byRepo = new LinkedHashMap<>();
        for (int i = 0; i < test.size(); i++) {
            byRepo.computeIfAbsent(test.get(i).repo(), r -> new ArrayList<>()).add(i);
        }
        Map<String, Map<String, Double>> baselines = baselines(directory);
        out.printf("%n%-24s %8s %8s %8s %8s   %7s %7s %8s%n", "project", "bug F1", "feat F1", "quest F1", "macro-F1",
                "SetFit", "RoBERTa", "fastText");
        for (var entry : byRepo.entrySet()) {
            List<String> expected = entry.getValue().stream().map(i -> test.get(i).label()).toList();
            List<String> got = entry.getValue().stream().map(predicted::get).toList();
            Metrics metrics = Metrics.of(expected, got, LABELS);
            perProject.put(entry.getKey(), metrics.macroF1());
            out.printf("%-24s %8.3f %8.3f %8.3f %8.3f   %7s %7s %8s%n", entry.getKey(),
                    metrics.perClass().get("bug")[2], metrics.perClass().get("feature")[2],
                    metrics.perClass().get("question")[2], metrics.macroF1(),
                    baseline(baselines, "SetFit", entry.getKey()), baseline(baselines, "RoBERTa", entry.getKey()),
                    baseline(baselines, "fastText", entry.getKey()));
        }
        double mean = perProject.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        out.printf("%-24s %8s %8s %8s %8.3f   %7.3f %7.3f %8.3f%n", "MEAN of projects", "", "", "", mean,
                PUBLISHED.get("SetFit"), PUBLISHED.get("RoBERTa"), PUBLISHED.get("fastText"));
        Metrics overall = Metrics.of(test.stream().map(NlbseIssue::label).toList(), predicted, LABELS);
        out.printf("(all 1,500 test issues pooled: accuracy %.3f, macro-F1 %.3f; labels map to the product's "
                        + "categories as %s)%n", overall.accuracy(), overall.macroF1(), PRODUCT_CATEGORY);
        out.printf("Built-in engine, NLBSE'24 test macro-F1 (mean of 5 projects): %.3f  |  published: SetFit 0.824, "
                + "RoBERTa 0.792, fastText 0.718%n", mean);
        out.printf("(train %.1f s incl. embedding 1,500 issues; test %.1f s = %.1f ms per issue)%n", trainSeconds,
                testSeconds, testSeconds * 1000 / test.size());
        return new Result(perProject, mean, trainSeconds, testSeconds);
    }

    static List<RawFeatures> features(List<NlbseIssue> issues) {
        return features(issues, SPEC);
    }

    static List<RawFeatures> features(List<NlbseIssue> issues, FeatureSpec spec) {
        MiniLmEncoder encoder = MiniLmEncoder.shared();
        return issues.parallelStream()
                .map(issue -> RawFeatures.of(input(issue), spec, encoder))
                .toList();
    }

    static ClassifierInput input(NlbseIssue issue) {
        return new ClassifierInput(issue.title(), Markdown.toProse(issue.body()), issue.repo(),
                Markdown.cues(issue.body()));
    }

    /**
     * K-fold cross-validation on {@code issues_train.csv} only, for choosing the settings: fold {@code f} holds the
     * issues whose position in the file is {@code f} modulo {@code folds}. Prints one line per spec: the mean over
     * the projects of the macro-F1 on the held-out issues, and each project's figure. The embeddings are computed
     * once for all specs that embed the same way.
     */
    static Map<FeatureSpec, Double> crossValidate(Path directory, List<FeatureSpec> specs, int folds,
                                                  PrintStream out) throws IOException {
        List<NlbseIssue> train = NlbseDataset.read(directory.resolve("issues_train.csv"));
        out.printf("NLBSE'24 %d-fold cross-validation on issues_train.csv only: %d issues%n", folds, train.size());
        List<String> labels = train.stream().map(NlbseIssue::label).toList();
        Map<String, List<RawFeatures>> cache = new LinkedHashMap<>();
        Map<FeatureSpec, Double> result = new LinkedHashMap<>();
        for (FeatureSpec spec : specs) {
            String key = spec.titleTokens() + "/" + spec.textTokens() + "/" + spec.maxChars();
            List<RawFeatures> features = cache.computeIfAbsent(key, k -> features(train, spec));
            String[] predicted = new String[train.size()];
            IntStream.range(0, folds).parallel().forEach(fold -> {
                List<RawFeatures> x = new ArrayList<>();
                List<String> y = new ArrayList<>();
                for (int i = 0; i < train.size(); i++) {
                    if (i % folds != fold) {
                        x.add(features.get(i));
                        y.add(labels.get(i));
                    }
                }
                TextClassifier classifier = TextClassifier.train(spec, x, y);
                for (int i = fold; i < train.size(); i += folds) {
                    predicted[i] = argmax(classifier, classifier.probabilities(features.get(i)));
                }
            });
            Map<String, List<Integer>> byRepo = new LinkedHashMap<>();
            for (int i = 0; i < train.size(); i++) {
                byRepo.computeIfAbsent(train.get(i).repo(), r -> new ArrayList<>()).add(i);
            }
            var line = new StringBuilder();
            double sum = 0;
            for (var entry : byRepo.entrySet()) {
                double f1 = Metrics.of(entry.getValue().stream().map(labels::get).toList(),
                        entry.getValue().stream().map(i -> predicted[i]).toList(), LABELS).macroF1();
                sum += f1;
                line.append(String.format(" %.3f", f1));
            }
            double mean = sum / byRepo.size();
            result.put(spec, mean);
            out.printf("cv macro-F1 %.3f (projects%s)  %s%n", mean, line, spec);
        }
        return result;
    }

    private static String argmax(TextClassifier classifier, double[] probabilities) {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return classifier.labels().get(best);
    }

    /** Per-project macro-F1 of the published baselines, from {@code baseline_*_results.json} when present. */
    private static Map<String, Map<String, Double>> baselines(Path directory) {
        Map<String, Map<String, Double>> result = new LinkedHashMap<>();
        for (String name : List.of("SetFit", "RoBERTa", "fastText")) {
            Path file = directory.resolve("baseline_" + name.toLowerCase(Locale.ROOT) + "_results.json");
            if (!Files.exists(file)) {
                continue;
            }
            try {
                JsonNode root = TriageJson.parse(Files.readString(file));
                Map<String, Double> perProject = new LinkedHashMap<>();
                for (var entry : root.properties()) {
                    if (entry.getKey().contains("/")) {
                        perProject.put(entry.getKey(), entry.getValue().path("average").path("f1-score").asDouble());
                    }
                }
                result.put(name, perProject);
            } catch (IOException | IllegalArgumentException e) {
                // the table shows "-" for this baseline
            }
        }
        return result;
    }

    private static String baseline(Map<String, Map<String, Double>> baselines, String name, String project) {
        Double value = baselines.getOrDefault(name, Map.of()).get(project);
        return value == null ? "-" : String.format("%.3f", value);
    }
}
