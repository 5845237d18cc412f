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
 * By default the log-probabilities of a copy of bge-small-en-v1.5 fine-tuned on {@code issues_train.csv} (with its
 * linear head) are added to the classifier's, times {@link #HEAD_WEIGHT}.
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
    /**
     * bge-small-en-v1.5 fine-tuned on issues_train.csv only (uint8-quantized like the stock MiniLM, same word pieces,
     * read by MiniLmEncoder), on the eval class path.
     */
    static final String ENCODER = "/eval/nlbse-bge-small.onnx";
    /** Its linear head, trained with it. */
    static final String HEAD = "/eval/nlbse-bge-small.head.json";
    /**
     * Weight of the fine-tuned head's log-probabilities, chosen on fold 0 of issues_train.csv with a copy fine-tuned
     * on the other folds (0.25 to 0.75 all gained; 0.5 is the middle).
     */
    static final double HEAD_WEIGHT = 0.5;
    private static final Map<String, String> PRODUCT_CATEGORY = Map.of("bug", "bug", "feature", "feature_request",
            "question", "question");
    private static final Map<String, Double> PUBLISHED = Map.of("SetFit", 0.824, "RoBERTa", 0.792, "fastText", 0.718);

    /** Mean and per-project macro-F1 of the engine's classifier. */
    record Result(Map<String, Double> perProject, double mean, double trainSeconds, double testSeconds) {
    }

    private NlbseEvaluation() {
    }

    static Result run(Path directory, MiniLmEncoder encoder, Fusion fusion, PrintStream out) throws IOException {
        Path trainFile = directory.resolve("issues_train.csv");
        Path testFile = directory.resolve("issues_test.csv");
        List<NlbseIssue> train = NlbseDataset.read(trainFile);
        List<NlbseIssue> test = NlbseDataset.read(testFile);
        out.printf("NLBSE'24 issue report classification: %d training issues (%s), %d test issues (%s)%n",
                train.size(), trainFile.getFileName(), test.size(), testFile.getFileName());

        long start = System.nanoTime();
        TextClassifier classifier = train(SPEC, features(train, SPEC, encoder),
                train.stream().map(NlbseIssue::label).toList());
        double trainSeconds = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        List<RawFeatures> testFeatures = features(test, SPEC, encoder);
        double[][] head = fusion == null ? null : fusion.logProbabilities(test);
        double headWeight = fusion == null ? 0 : fusion.weights().getFirst();
        List<String> predicted = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            double[] logProbabilities = log(classifier.probabilities(testFeatures.get(i)));
            predicted.add(LABELS.get(argmax(logProbabilities, head == null ? null : head[i], headWeight)));
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
        out.printf("95%% bootstrap interval of that mean: %s (test issues drawn again within each project, %d times)%n",
                meanInterval(test, predicted, byRepo.values()), Bootstrap.RESAMPLES);
        out.printf("(%s; train %.1f s incl. embedding 1,500 issues; test %.1f s = %.1f ms per issue)%n",
                fusion == null ? "stock MiniLM alone" : String.format(Locale.ROOT,
                        "stock MiniLM features + fine-tuned BGE-small head x %.2f", headWeight),
                trainSeconds, testSeconds, testSeconds * 1000 / test.size());
        return new Result(perProject, mean, trainSeconds, testSeconds);
    }

    /** How far the mean of the projects' macro-F1 would move on other samples of 300 issues per project. */
    static Bootstrap.Interval meanInterval(List<NlbseIssue> issues, List<String> predicted,
                                           java.util.Collection<List<Integer>> projects) {
        List<int[]> strata = projects.stream().map(p -> p.stream().mapToInt(Integer::intValue).toArray()).toList();
        return Bootstrap.interval(strata, sample -> {
            Map<String, List<String>> expected = new LinkedHashMap<>();
            Map<String, List<String>> got = new LinkedHashMap<>();
            for (int i : sample) {
                expected.computeIfAbsent(issues.get(i).repo(), r -> new ArrayList<>()).add(issues.get(i).label());
                got.computeIfAbsent(issues.get(i).repo(), r -> new ArrayList<>()).add(predicted.get(i));
            }
            return expected.keySet().stream()
                    .mapToDouble(repo -> Metrics.of(expected.get(repo), got.get(repo), LABELS).macroF1())
                    .average().orElse(0);
        }, Bootstrap.RESAMPLES, Bootstrap.SEED);
    }

    static List<RawFeatures> features(List<NlbseIssue> issues, FeatureSpec spec, MiniLmEncoder encoder) {
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
     * once for all specs that embed the same way. With {@code onlyFold} ≥ 0 only that fold is held out and scored:
     * for an encoder fine-tuned on the other folds, which has seen every issue but those.
     */
    static void crossValidate(Path directory, List<FeatureSpec> specs, int folds, int onlyFold, MiniLmEncoder encoder,
                              Fusion fusion, PrintStream out) throws IOException {
        List<NlbseIssue> train = NlbseDataset.read(directory.resolve("issues_train.csv"));
        List<Integer> heldOut = IntStream.range(0, folds).filter(f -> onlyFold < 0 || f == onlyFold).boxed().toList();
        out.printf("NLBSE'24 %d-fold cross-validation on issues_train.csv only: %d issues%s%n", folds, train.size(),
                onlyFold < 0 ? "" : ", fold " + onlyFold + " held out alone");
        List<String> labels = train.stream().map(NlbseIssue::label).toList();
        double[][] head = fusion == null ? null : fusion.logProbabilities(train);
        Map<String, List<RawFeatures>> cache = new LinkedHashMap<>();
        for (FeatureSpec spec : specs) {
            String key = spec.titleTokens() + "/" + spec.textTokens() + "/" + spec.maxChars();
            List<RawFeatures> features = cache.computeIfAbsent(key, k -> features(train, spec, encoder));
            double[][] logProbabilities = new double[train.size()][];
            heldOut.parallelStream().forEach(fold -> {
                List<RawFeatures> x = new ArrayList<>();
                List<String> y = new ArrayList<>();
                for (int i = 0; i < train.size(); i++) {
                    if (i % folds != fold) {
                        x.add(features.get(i));
                        y.add(labels.get(i));
                    }
                }
                TextClassifier classifier = train(spec, x, y);
                for (int i = fold; i < train.size(); i += folds) {
                    logProbabilities[i] = log(classifier.probabilities(features.get(i)));
                }
            });
            for (double weight : fusion == null ? List.of(0.0) : fusion.weights()) {
                var line = new StringBuilder();
                Map<String, Double> perProject = perProject(train, logProbabilities, head, weight);
                perProject.values().forEach(f1 -> line.append(String.format(" %.3f", f1)));
                double mean = perProject.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
                out.printf("cv macro-F1 %.3f (projects%s)  %s%s%n", mean, line, spec,
                        fusion == null ? "" : String.format(" + fine-tuned head × %.2f", weight));
            }
        }
    }

    /** A classifier whose probabilities come in the order of {@link #LABELS}, which the scoring relies on. */
    private static TextClassifier train(FeatureSpec spec, List<RawFeatures> features, List<String> labels) {
        TextClassifier classifier = TextClassifier.train(spec, features, labels);
        if (!classifier.labels().equals(LABELS)) {
            throw new IllegalArgumentException("the training issues have the labels " + classifier.labels()
                    + ", not " + LABELS);
        }
        return classifier;
    }

    /** Per-project macro-F1 of the issues that have log-probabilities, with the head's added times its weight. */
    private static Map<String, Double> perProject(List<NlbseIssue> issues, double[][] logProbabilities,
                                                  double[][] head, double headWeight) {
        Map<String, List<Integer>> byRepo = new LinkedHashMap<>();
        for (int i = 0; i < issues.size(); i++) {
            if (logProbabilities[i] != null) {
                byRepo.computeIfAbsent(issues.get(i).repo(), r -> new ArrayList<>()).add(i);
            }
        }
        Map<String, Double> result = new LinkedHashMap<>();
        for (var entry : byRepo.entrySet()) {
            List<String> expected = entry.getValue().stream().map(i -> issues.get(i).label()).toList();
            List<String> got = entry.getValue().stream()
                    .map(i -> LABELS.get(argmax(logProbabilities[i], head == null ? null : head[i], headWeight)))
                    .toList();
            result.put(entry.getKey(), Metrics.of(expected, got, LABELS).macroF1());
        }
        return result;
    }

    /**
     * One or more fine-tuned encoders, each with the linear layer trained with it: the mean of their
     * log-probabilities is added to the classifier's, times a weight.
     */
    record Fusion(List<Member> members, List<Double> weights) {

        Fusion {
            if (members.isEmpty()) {
                throw new IllegalArgumentException("a fusion needs at least one fine-tuned copy");
            }
            members = List.copyOf(members);
            weights = List.copyOf(weights);
        }

        Fusion(MiniLmEncoder encoder, EncoderHead head, List<Double> weights) {
            this(List.of(new Member(encoder, head)), weights);
        }

        double[][] logProbabilities(List<NlbseIssue> issues) {
            List<String> texts = issues.parallelStream().map(issue -> input(issue).joined()).toList();
            double[][] sum = new double[issues.size()][LABELS.size()];
            for (Member member : members) {
                double[][] one = texts.parallelStream()
                        .map(text -> member.head().logProbabilities(member.encoder().embed(text, SPEC.textTokens())))
                        .toArray(double[][]::new);
                for (int i = 0; i < sum.length; i++) {
                    for (int k = 0; k < LABELS.size(); k++) {
                        sum[i][k] += one[i][k] / members.size();
                    }
                }
            }
            return sum;
        }
    }

    /** A fine-tuned encoder and its head, whose labels must be {@link #LABELS} in that order. */
    record Member(MiniLmEncoder encoder, EncoderHead head) {

        Member {
            if (!head.labels().equals(LABELS)) {
                throw new IllegalArgumentException("the head's labels are " + head.labels() + ", not " + LABELS);
            }
        }
    }

    private static double[] log(double[] probabilities) {
        double[] result = new double[probabilities.length];
        for (int k = 0; k < result.length; k++) {
            result[k] = Math.log(Math.max(probabilities[k], 1e-12));
        }
        return result;
    }

    private static int argmax(double[] logProbabilities, double[] head, double headWeight) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logProbabilities.length; k++) {
            double score = logProbabilities[k] + (head == null ? 0 : headWeight * head[k]);
            if (score > bestScore) {
                best = k;
                bestScore = score;
            }
        }
        return best;
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
