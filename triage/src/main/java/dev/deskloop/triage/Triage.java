package dev.deskloop.triage;

import java.util.List;
import java.util.Objects;

/**
 * The structured result for one ticket (the triage contract of PRODUCT.md, F4).
 *
 * @param category what the ticket is about
 * @param isBug whether {@code category} is {@link Category#BUG}
 * @param severity how bad the bug is; null for every other category
 * @param confidence how sure the engine is of the category, from 0 to 1
 * @param reproSteps steps to reproduce, in order; empty when the ticket gives none
 * @param expected what the customer expected to happen, or null
 * @param actual what happened instead, or null
 * @param customerImpact who or what is hurt and how much, or null
 * @param customerQuote a verbatim excerpt of a customer message, empty when there is no customer text
 * @param affectedService the name of a catalog service, or null
 * @param timeWindow when to look for the problem in the logs
 * @param engine which engine answered, e.g. {@code builtin/0.2.0}
 */
public record Triage(Category category, boolean isBug, Severity severity, double confidence, List<String> reproSteps,
                     String expected, String actual, String customerImpact, String customerQuote,
                     String affectedService, TimeWindow timeWindow, String engine) {

    public Triage {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(timeWindow, "timeWindow");
        Objects.requireNonNull(engine, "engine");
        if (isBug != (category == Category.BUG)) {
            throw new IllegalArgumentException("isBug must be true exactly for the bug category");
        }
        if (!isBug && severity != null) {
            throw new IllegalArgumentException("only bugs have a severity");
        }
        if (isBug && severity == null) {
            throw new IllegalArgumentException("a bug needs a severity");
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence outside [0, 1]: " + confidence);
        }
        reproSteps = reproSteps == null ? List.of() : List.copyOf(reproSteps);
        customerQuote = customerQuote == null ? "" : customerQuote;
    }

    /** The same result credited to another engine, e.g. when a fallback answered. */
    public Triage withEngine(String newEngine) {
        return new Triage(category, isBug, severity, confidence, reproSteps, expected, actual, customerImpact,
                customerQuote, affectedService, timeWindow, newEngine);
    }
}
