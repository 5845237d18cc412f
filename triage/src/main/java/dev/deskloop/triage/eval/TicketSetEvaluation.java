package dev.deskloop.triage.eval;

import dev.deskloop.triage.Category;
import dev.deskloop.triage.ServiceCatalog;
import dev.deskloop.triage.Severity;
import dev.deskloop.triage.TimeWindow;
import dev.deskloop.triage.Triage;
import dev.deskloop.triage.TriageContext;
import dev.deskloop.triage.TriageEngine;
import dev.deskloop.triage.builtin.BuiltinModel;
import dev.deskloop.triage.builtin.BuiltinTriageEngine;
import dev.deskloop.triage.json.LabelledTicket;
import dev.deskloop.triage.model.FeatureSpec;
import dev.deskloop.triage.model.MiniLmEncoder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Scores an engine on labelled support tickets: category accuracy and per-category precision/recall, severity
 * exact and within-one agreement, service accuracy, time-window overlap (intersection over union) and agreement on
 * whether there are repro steps. Also cross-validates the built-in engine on the training split, for tuning
 * without looking at the dev split.
 */
final class TicketSetEvaluation {

    /** The headline figures of one evaluation. */
    record Result(int tickets, double categoryAccuracy, double severityExact, double severityWithinOne,
                  int severityCount, double serviceAccuracy, double windowOverlap, double windowOverlapNamed,
                  double reproAgreement) {
    }

    private TicketSetEvaluation() {
    }

    static Result evaluate(String title, TriageEngine engine, List<LabelledTicket> tickets, ServiceCatalog catalog,
                           PrintStream out, boolean verbose) {
        TriageContext context = TriageContext.of(catalog);
        List<Triage> results = new ArrayList<>();
        for (LabelledTicket ticket : tickets) {
            results.add(engine.triage(ticket.document(), context));
        }
        return report(title, tickets, results, out, verbose);
    }

    static Result report(String title, List<LabelledTicket> tickets, List<Triage> results, PrintStream out,
                         boolean verbose) {
        List<String> expected = tickets.stream().map(t -> t.category().wireName()).toList();
        List<String> predicted = results.stream().map(r -> r.category().wireName()).toList();
        List<String> classes = Arrays.stream(Category.values()).map(Category::wireName).toList();
        Metrics categories = Metrics.of(expected, predicted, classes);

        int severityCount = 0;
        int severityExact = 0;
        int severityNear = 0;
        int bugs = 0;
        int reproAgree = 0;
        int serviceRight = 0;
        double overlap = 0;
        double overlapNamed = 0;
        int named = 0;
        for (int i = 0; i < tickets.size(); i++) {
            LabelledTicket ticket = tickets.get(i);
            Triage triage = results.get(i);
            if (ticket.category() == Category.BUG) {
                bugs++;
                if (ticket.hasReproSteps() == !triage.reproSteps().isEmpty()) {
                    reproAgree++;
                }
                if (triage.severity() != null && ticket.severity() != null) {
                    severityCount++;
                    int distance = Math.abs(triage.severity().ordinal() - ticket.severity().ordinal());
                    severityExact += distance == 0 ? 1 : 0;
                    severityNear += distance <= 1 ? 1 : 0;
                }
            }
            if (Objects.equals(ticket.affectedService(), triage.affectedService())) {
                serviceRight++;
            }
            TimeWindow truth = ticket.timeWindow() != null ? ticket.timeWindow()
                    : TimeWindow.before(ticket.document().createdAt(), TriageContext.DEFAULT_BUFFER);
            double iou = truth.overlap(triage.timeWindow());
            overlap += iou;
            if (ticket.timeWindow() != null) {
                overlapNamed += iou;
                named++;
            }
            if (verbose) {
                printMistakes(out, ticket, triage, iou);
            }
        }
        int n = tickets.size();
        var result = new Result(n, categories.accuracy(), ratio(severityExact, severityCount),
                ratio(severityNear, severityCount), severityCount, ratio(serviceRight, n), overlap / Math.max(1, n),
                overlapNamed / Math.max(1, named), ratio(reproAgree, bugs));

        out.printf("%n%s: %d tickets%n", title, n);
        out.printf("  category accuracy            %.3f  (macro-F1 %.3f)%n", categories.accuracy(), categories.macroF1());
        out.printf("  %-18s %9s %7s %7s %8s%n", "category", "precision", "recall", "F1", "support");
        for (String c : classes) {
            double[] v = categories.perClass().get(c);
            out.printf("  %-18s %9.3f %7.3f %7.3f %8d%n", c, v[0], v[1], v[2], (int) v[3]);
        }
        out.printf("  severity exact               %.3f  (%d bugs labelled and predicted as bugs)%n",
                result.severityExact(), severityCount);
        out.printf("  severity within one level    %.3f%n", result.severityWithinOne());
        out.printf("  affected service accuracy    %.3f  (null must match null)%n", result.serviceAccuracy());
        out.printf("  time window overlap (IoU)    %.3f  all tickets; %.3f on the %d that name a time%n",
                result.windowOverlap(), result.windowOverlapNamed(), named);
        out.printf("  repro steps found / not      %.3f  agreement on the %d bugs%n", result.reproAgreement(), bugs);
        out.printf("  95%% bootstrap intervals (the tickets drawn again %d times): category accuracy %s, severity "
                        + "within one %s, service accuracy %s%n", Bootstrap.RESAMPLES,
                Bootstrap.ofProportion((int) Math.round(categories.accuracy() * n), n),
                Bootstrap.ofProportion(severityNear, severityCount), Bootstrap.ofProportion(serviceRight, n));
        return result;
    }

    private static void printMistakes(PrintStream out, LabelledTicket ticket, Triage triage, double iou) {
        List<String> problems = new ArrayList<>();
        if (ticket.category() != triage.category()) {
            problems.add("category " + triage.category().wireName() + " != " + ticket.category().wireName());
        }
        if (ticket.category() == Category.BUG && triage.severity() != null && ticket.severity() != triage.severity()) {
            problems.add("severity " + triage.severity().wireName() + " != " + wire(ticket.severity()));
        }
        if (!Objects.equals(ticket.affectedService(), triage.affectedService())) {
            problems.add("service " + triage.affectedService() + " != " + ticket.affectedService());
        }
        if (iou < 0.5) {
            problems.add(String.format("window %s..%s != %s (IoU %.2f)", triage.timeWindow().start(),
                    triage.timeWindow().end(), ticket.timeWindow() == null ? "default"
                            : ticket.timeWindow().start() + ".." + ticket.timeWindow().end(), iou));
        }
        if (ticket.category() == Category.BUG && ticket.hasReproSteps() == triage.reproSteps().isEmpty()) {
            problems.add("repro steps " + triage.reproSteps() + " expected " + ticket.hasReproSteps());
        }
        if (!problems.isEmpty()) {
            out.println("  - " + ticket.id() + ": " + String.join("; ", problems));
        }
    }

    private static String wire(Severity severity) {
        return severity == null ? "null" : severity.wireName();
    }

    /**
     * K-fold cross-validation of the built-in engine on labelled tickets (the training split), with the encoder
     * {@code encoderOfFold} gives for each fold (the stock MiniLM, or a copy fine-tuned without the fold): it embeds
     * for both classifiers and for the service matcher, as in the engine.
     */
    static Result crossValidate(List<LabelledTicket> tickets, ServiceCatalog catalog, FeatureSpec spec, int folds,
                                IntFunction<MiniLmEncoder> encoderOfFold, PrintStream out, boolean verbose) {
        List<Triage> results = new ArrayList<>(java.util.Collections.nCopies(tickets.size(), (Triage) null));
        for (int fold = 0; fold < folds; fold++) {
            List<LabelledTicket> train = new ArrayList<>();
            List<Integer> heldOut = new ArrayList<>();
            for (int i = 0; i < tickets.size(); i++) {
                if (i % folds == fold) {
                    heldOut.add(i);
                } else {
                    train.add(tickets.get(i));
                }
            }
            MiniLmEncoder encoder = encoderOfFold.apply(fold);
            BuiltinModel model = BuiltinModelTrainer.train(train, spec, "cv", encoder);
            var engine = new BuiltinTriageEngine(model, encoder);
            TriageContext context = TriageContext.of(catalog);
            for (int i : heldOut) {
                results.set(i, engine.triage(tickets.get(i).document(), context));
            }
        }
        return report(folds + "-fold cross-validation on the training split", tickets, results, out, verbose);
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
