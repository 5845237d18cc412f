package dev.deskloop.triage.builtin;

import dev.deskloop.triage.Category;
import dev.deskloop.triage.Severity;
import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.TimeWindow;
import dev.deskloop.triage.Triage;
import dev.deskloop.triage.TriageContext;
import dev.deskloop.triage.TriageEngine;
import dev.deskloop.triage.model.ClassifierInput;
import dev.deskloop.triage.model.MiniLmEncoder;
import dev.deskloop.triage.model.RawFeatures;
import dev.deskloop.triage.model.TextClassifier;
import dev.deskloop.triage.rules.CustomerImpact;
import dev.deskloop.triage.rules.CustomerQuote;
import dev.deskloop.triage.rules.ExpectedActual;
import dev.deskloop.triage.rules.ReproSteps;
import dev.deskloop.triage.rules.SeveritySignals;
import dev.deskloop.triage.rules.TimeExpressions;
import dev.deskloop.triage.text.NormalizedTicket;
import dev.deskloop.triage.text.TicketNormalizer;
import java.util.List;

/**
 * The offline engine: MiniLM embeddings and TF-IDF n-grams feed logistic-regression classifiers for the category
 * and, for bugs, the severity (corrected by {@link SeveritySignals}); rules extract steps, expected and actual
 * behaviour, impact, quote, service and time window. Immutable and thread-safe.
 */
public final class BuiltinTriageEngine implements TriageEngine {

    /** The engine's name and version as reported in {@code Triage.engine}. */
    public static final String NAME = "builtin/0.2.0";

    private final BuiltinModel model;
    private final MiniLmEncoder encoder;
    private final ServiceMatcher services;

    public BuiltinTriageEngine(BuiltinModel model, MiniLmEncoder encoder) {
        this.model = model;
        this.encoder = encoder;
        this.services = new ServiceMatcher(text -> encoder.embed(text, MiniLmEncoder.MAX_TOKENS));
    }

    /** Loads the model shipped in the jar and the shared MiniLM encoder. */
    public static BuiltinTriageEngine load() {
        return new BuiltinTriageEngine(BuiltinModel.load(), MiniLmEncoder.shared());
    }

    public BuiltinModel model() {
        return model;
    }

    @Override
    public Triage triage(TicketDocument document, TriageContext context) {
        NormalizedTicket ticket = TicketNormalizer.normalize(document);
        RawFeatures features = RawFeatures.of(classifierInput(ticket), model.category().spec(), encoder);

        double[] categoryProbabilities = model.category().probabilities(features);
        int best = argmax(categoryProbabilities);
        Category category = Category.fromWireName(model.category().labels().get(best));
        double confidence = categoryProbabilities[best] * ticket.quality().confidenceFactor();
        if (ticket.quality().letters() == 0) {
            category = Category.OTHER;
            confidence = Math.min(confidence, 0.05);
        }

        String text = ticket.readableText();
        String withSubject = ticket.fullText();
        boolean bug = category == Category.BUG;
        Severity severity = bug ? severity(features, withSubject) : null;
        List<String> steps = bug ? ReproSteps.extract(text) : List.of();
        ExpectedActual.Behaviour behaviour = bug ? ExpectedActual.extract(text)
                : new ExpectedActual.Behaviour(null, null);
        String impact = bug || category == Category.BILLING || category == Category.ACCOUNT_ACCESS
                ? CustomerImpact.extract(text) : null;
        String service = services.match(context.catalog(), category, withSubject, features.textEmbedding());
        // Only bugs go on to log analysis; for the others the window is the plain buffer before the ticket.
        TimeWindow window = bug ? TimeExpressions.windowFor(text, document.createdAt(), context.zone(),
                context.defaultBuffer()) : TimeWindow.before(document.createdAt(), context.defaultBuffer());
        return new Triage(category, bug, severity, clamp(confidence), steps, behaviour.expected(), behaviour.actual(),
                impact, CustomerQuote.select(ticket.customerMessages()), service, window, NAME);
    }

    /** What the classifiers read of a ticket; the trainer uses the same. */
    public static ClassifierInput classifierInput(NormalizedTicket ticket) {
        return new ClassifierInput(ticket.subject(), ticket.classificationBody(), null);
    }

    private Severity severity(RawFeatures features, String text) {
        TextClassifier classifier = model.severity();
        double[] probabilities = classifier.probabilities(features);
        SeveritySignals.Assessment rules = SeveritySignals.assess(text);
        Severity best = Severity.MEDIUM;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < probabilities.length; k++) {
            Severity severity = Severity.fromWireName(classifier.labels().get(k));
            double score = Math.log(Math.max(probabilities[k], 1e-6)) + rules.score(severity);
            if (score > bestScore) {
                best = severity;
                bestScore = score;
            }
        }
        return best;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double clamp(double value) {
        return Double.isNaN(value) ? 0.0 : Math.max(0.0, Math.min(1.0, value));
    }
}
