package dev.deskloop.triage.model;

import dev.deskloop.triage.text.NormalizedTicket;

/**
 * The hyper-parameters of a {@link TextClassifier}: what is embedded and how the feature blocks are weighted. A
 * block's scale acts as the inverse of its own regularisation strength.
 *
 * @param titleTokens word pieces of the title embedded on their own, 0 for no title embedding
 * @param textTokens word pieces of title and body embedded together, 0 for no text embedding
 * @param embeddingScale weight of the embedding blocks
 * @param wordScale weight of the TF-IDF block of words and word pairs
 * @param charScale weight of the TF-IDF block of character 3- to 5-grams
 * @param groupScale weight of the per-group copies of all blocks, 0 for none
 * @param maxChars characters of the joined text read for the TF-IDF blocks
 * @param l2 the L2 penalty of the logistic regression
 * @param balanced whether classes are weighted inversely to their frequency in training
 * @param cueScale weight of the TF-IDF block of structure cues (issue template, headings with their values, form
 *                 fields, check boxes), 0 for none
 */
public record FeatureSpec(int titleTokens, int textTokens, double embeddingScale, double wordScale, double charScale,
                          double groupScale, int maxChars, double l2, boolean balanced, double cueScale) {

    /** Settings without the structure-cue block. */
    public FeatureSpec(int titleTokens, int textTokens, double embeddingScale, double wordScale, double charScale,
                       double groupScale, int maxChars, double l2, boolean balanced) {
        this(titleTokens, textTokens, embeddingScale, wordScale, charScale, groupScale, maxChars, l2, balanced, 0.0);
    }

    /**
     * The settings of the built-in engine, chosen by 5-fold cross-validation on the training split of the labelled
     * tickets: 96 word pieces of subject and body embedded together (+0.5 point over 64 on the 616 training tickets,
     * for about 10% more CPU time per ticket; a separate subject embedding and hand-written cue features both lowered
     * the cross-validated accuracy), TF-IDF of words and character n-grams, L2 penalty 1e-3, no structure cues (they
     * moved the cross-validated accuracy by -0.6 to +0.5 point on tickets).
     */
    public static FeatureSpec defaults() {
        return new FeatureSpec(0, 96, 1.0, 1.0, 1.0, 0.0, NormalizedTicket.CLASSIFICATION_CHARS, 1e-3, true);
    }
}
