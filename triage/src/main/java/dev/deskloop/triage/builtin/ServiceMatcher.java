package dev.deskloop.triage.builtin;

import dev.deskloop.triage.CatalogService;
import dev.deskloop.triage.Category;
import dev.deskloop.triage.ServiceCatalog;
import dev.deskloop.triage.TextEmbedder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Attributes a ticket to a service of the workspace's catalog from the service's name and keywords found in the
 * text (rarer keywords count more) and from the similarity of the ticket's embedding to the embedding of the
 * service's name, description and keywords. Answers null when nothing is convincing. Thread-safe; compiled
 * catalogs are cached.
 */
final class ServiceMatcher {

    // Weights chosen on the training split of the labelled tickets (see EvalCli --cv).
    private static final double NAME_WEIGHT = 2.5;
    private static final double KEYWORD_WEIGHT = 1.0;
    private static final double PHRASE_FACTOR = 1.3;
    private static final double EMBEDDING_WEIGHT = 8.0;
    private static final double ANCHOR_WEIGHT = 4.0;
    private static final double THRESHOLD = 0.05;
    /** What billing and sign-in tickets are about, to find the catalog's billing and authentication services. */
    private static final Map<Category, String> ANCHORS = Map.of(
            Category.BILLING, "subscription billing and payments",
            Category.ACCOUNT_ACCESS, "login and authentication");
    /**
     * Compiled catalogs are kept, least recently used out first, while they hold at most this many services in all:
     * about 35 MB of description embeddings (384 values each) plus their keywords. Counting services rather than
     * catalogs keeps many small catalogs (one per workspace) without letting a few large ones take the memory.
     */
    static final int CACHED_SERVICES = 20_000;

    private final Function<String, float[]> embedder;
    private final int cachedServicesLimit;
    /** Access order: the least recently used catalog comes first. Guarded by {@code this}. */
    private final LinkedHashMap<ServiceCatalog, Compiled> cache = new LinkedHashMap<>(16, 0.75f, true);
    private int cachedServices;

    ServiceMatcher(Function<String, float[]> embedder) {
        this(embedder, CACHED_SERVICES);
    }

    ServiceMatcher(Function<String, float[]> embedder, int cachedServicesLimit) {
        this.embedder = embedder;
        this.cachedServicesLimit = cachedServicesLimit;
    }

    private record Term(String phrase, double weight) {
    }

    private record CompiledService(String name, List<Term> terms, float[] embedding) {
    }

    private record Compiled(List<CompiledService> services, Map<Category, double[]> anchorBonus) {
    }

    /**
     * The best matching service name, or null (always for {@link Category#OTHER}, which is about no service).
     * {@code ticketEmbedding} may be null.
     */
    String match(ServiceCatalog catalog, Category category, String text, float[] ticketEmbedding) {
        if (catalog.services().isEmpty() || text.isBlank() || category == Category.OTHER) {
            return null;
        }
        // The lock is not held while a catalog is embedded, which would stall every concurrent triage. Two threads
        // may compile the same new catalog once each; the first stored wins.
        Compiled compiled = cached(catalog);
        if (compiled == null) {
            compiled = store(catalog, compile(catalog));
        }
        Set<String> phrases = phrases(text);
        int n = compiled.services().size();
        double[] similarity = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            float[] embedding = compiled.services().get(i).embedding();
            similarity[i] = ticketEmbedding == null || embedding == null ? 0
                    : TextEmbedder.cosine(ticketEmbedding, embedding);
            mean += similarity[i] / n;
        }
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            CompiledService service = compiled.services().get(i);
            double score = EMBEDDING_WEIGHT * (similarity[i] - mean);
            double[] anchor = compiled.anchorBonus().get(category);
            if (anchor != null) {
                score += ANCHOR_WEIGHT * anchor[i];
            }
            for (Term term : service.terms()) {
                String phrase = term.phrase();
                if (phrases.contains(phrase) || phrases.contains(phrase + "s") || phrases.contains(phrase + "es")) {
                    score += term.weight();
                }
            }
            if (score > bestScore) {
                best = service.name();
                bestScore = score;
            }
        }
        return bestScore >= THRESHOLD ? best : null;
    }

    private synchronized Compiled cached(ServiceCatalog catalog) {
        return cache.get(catalog);
    }

    /** Keeps {@code fresh} unless another thread stored the catalog first, then evicts down to the limit. */
    private synchronized Compiled store(ServiceCatalog catalog, Compiled fresh) {
        Compiled stored = cache.get(catalog);
        if (stored != null) {
            return stored;
        }
        cache.put(catalog, fresh);
        cachedServices += fresh.services().size();
        var eldest = cache.entrySet().iterator();
        while (cachedServices > cachedServicesLimit && cache.size() > 1) {
            cachedServices -= eldest.next().getValue().services().size();
            eldest.remove();
        }
        return fresh;
    }

    private Compiled compile(ServiceCatalog catalog) {
        // A keyword listed for several services says less about each of them.
        Map<String, Integer> owners = new HashMap<>();
        for (CatalogService service : catalog.services()) {
            for (String keyword : service.keywords()) {
                owners.merge(keyword.toLowerCase(Locale.ROOT).strip(), 1, Integer::sum);
            }
        }
        List<CompiledService> services = new ArrayList<>();
        for (CatalogService service : catalog.services()) {
            List<Term> terms = new ArrayList<>();
            terms.add(new Term(normalizePhrase(service.name()), NAME_WEIGHT));
            for (String keyword : service.keywords()) {
                String k = keyword.toLowerCase(Locale.ROOT).strip();
                String phrase = normalizePhrase(k);
                if (phrase.isEmpty()) {
                    continue;
                }
                double weight = KEYWORD_WEIGHT / owners.getOrDefault(k, 1) * (phrase.contains(" ") ? PHRASE_FACTOR : 1.0);
                terms.add(new Term(phrase, weight));
            }
            String description = service.name() + ": " + service.description() + " ("
                    + String.join(", ", service.keywords()) + ")";
            services.add(new CompiledService(service.name(), List.copyOf(terms), embedder.apply(description)));
        }
        Map<Category, double[]> anchors = new EnumMap<>(Category.class);
        for (var anchor : ANCHORS.entrySet()) {
            float[] embedding = embedder.apply(anchor.getValue());
            double[] similarity = new double[services.size()];
            double mean = 0;
            for (int i = 0; i < services.size(); i++) {
                similarity[i] = TextEmbedder.cosine(embedding, services.get(i).embedding());
                mean += similarity[i] / services.size();
            }
            // Only the service closest to the anchor gets the bonus, and only when it stands out.
            int top = 0;
            for (int i = 1; i < similarity.length; i++) {
                if (similarity[i] > similarity[top]) {
                    top = i;
                }
            }
            boolean standsOut = similarity[top] - mean > 0.05;
            double[] bonus = new double[similarity.length];
            if (standsOut) {
                bonus[top] = 1.0;
            }
            similarity = bonus;
            anchors.put(anchor.getKey(), similarity);
        }
        return new Compiled(List.copyOf(services), anchors);
    }

    private static final int MAX_PHRASE_WORDS = 4;

    /** The words of a phrase, lower-cased and joined by single spaces ("Billing & Payments" is "billing & payments"). */
    static String normalizePhrase(String phrase) {
        return String.join(" ", words(phrase));
    }

    /** Every run of one to four consecutive words of the text, so that each keyword is one set lookup. */
    static Set<String> phrases(String text) {
        List<String> words = words(text);
        Set<String> phrases = new HashSet<>(words.size() * MAX_PHRASE_WORDS * 2);
        for (int i = 0; i < words.size(); i++) {
            var phrase = new StringBuilder();
            for (int j = i; j < Math.min(words.size(), i + MAX_PHRASE_WORDS); j++) {
                if (j > i) {
                    phrase.append(' ');
                }
                phrase.append(words.get(j));
                phrases.add(phrase.toString());
            }
        }
        return phrases;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        var word = new StringBuilder();
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            // Letters, digits and the joiners of names such as "wi-fi", "q&a" or "o'brien" stay in a word.
            boolean inWord = Character.isLetterOrDigit(c)
                    || ((c == '-' || c == '&' || c == '\'') && !word.isEmpty() && i + 1 < n
                    && Character.isLetterOrDigit(text.charAt(i + 1)));
            if (inWord) {
                word.append(Character.toLowerCase(c));
            } else {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                if (c == '&') {
                    words.add("&");
                }
            }
        }
        return words;
    }
}
