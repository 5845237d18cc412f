package dev.deskloop.triage.model;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hand-written indicator features of what a support ticket is about ("refund", "how do I", "please add",
 * "locked out", "stopped working"…). Each cue is one binary feature; the classifier learns how much each one counts.
 * They carry knowledge that a few hundred training tickets cannot, such as synonyms never seen in training.
 */
final class Cues {

    private static final List<Pattern> PATTERNS = List.of(
            // money and plans
            p("\\b(?:refunds?|refunded|charged|charges?|overcharged|double[- ]charged|billed|billing|invoice\\s+from\\s+"
                    + "(?:you|your)|your\\s+invoice|receipts?|subscription|renewal|plan|seats?|upgrade|downgrade|"
                    + "pricing|price|discount|coupon|vat|tax[- ]?(?:id|exempt)|w-?9|card\\s+on\\s+file|payment\\s+method|"
                    + "trial|annual|monthly\\s+fee|cancel\\s+(?:my|our|the)\\s+(?:account|subscription|plan))\\b"),
            // getting in
            p("\\b(?:log\\s?in|logging\\s+in|sign\\s?in|signing\\s+in|password|2fa|mfa|two[- ]factor|authenticator|"
                    + "verification\\s+code|sso|saml|okta|locked\\s+out|lock(?:ed)?\\s+out|lockout|invite|invitation|"
                    + "reset\\s+link|account\\s+owner|deactivated|access\\s+to\\s+(?:my|our|the)\\s+account|"
                    + "can'?t\\s+get\\s+in|user\\s+name|username)\\b"),
            // asking for something new
            p("\\b(?:would\\s+(?:be\\s+)?(?:great|nice|helpful|awesome|useful)|would\\s+love|please\\s+add|"
                    + "feature(?:\\s+request)?|any\\s+plans|on\\s+(?:the|your)\\s+roadmap|roadmap|wish\\s+(?:list|we|i)|"
                    + "could\\s+you\\s+(?:add|build|make|support)|suggestion|suggest|option\\s+to|ability\\s+to|"
                    + "support\\s+for|would\\s+like\\s+(?:to\\s+be\\s+able|an?\\s+option|a\\s+way)|"
                    + "is\\s+it\\s+possible\\s+to\\s+add|should\\s+(?:let|allow)|it\\s+would\\s+help|"
                    + "every\\s+other\\s+\\w+\\s+(?:can|does|has))\\b"),
            // asking how
            p("(?:^|[.!?\\n]\\s*)(?:how|what|where|when|why|which|can|could|is|are|does|do)\\b[^.!\\n]{0,200}\\?"),
            p("\\b(?:how\\s+(?:do|can|should|would)\\s+(?:i|we)|how\\s+to|is\\s+there\\s+a\\s+way|wondering|"
                    + "documentation|docs|explain|difference\\s+between|best\\s+way\\s+to|what'?s\\s+the\\s+way)\\b"),
            // something broke
            p("\\b(?:errors?|bug|broken|crash(?:es|ed|ing)?|fails?|failed|failing|doesn'?t\\s+work|not\\s+working|"
                    + "stopped\\s+working|won'?t\\s+(?:load|open|save|sync|send)|stuck|spinner|spins|500|502|503|404|"
                    + "wrong|incorrect|since\\s+(?:the|your)\\s+(?:update|release)|used\\s+to\\s+work|no\\s+longer|"
                    + "disappear(?:s|ed)?|missing|blank|freez(?:es|ing)|glitch|duplicated?|twice)\\b"),
            // anything else
            p("\\b(?:partnership|partner\\s+program|resell|affiliate|marketing|newsletter|unsubscribe|spam|"
                    + "job\\s+(?:application|opening)|hiring|career|thank\\s+you\\s+for|thanks\\s+for\\s+(?:the|your)|"
                    + "compliment|great\\s+job|kudos|feedback\\s+on|survey|press|interview|podcast|conference|"
                    + "security\\s+questionnaire|vendor\\s+form|gdpr|data\\s+(?:deletion|processing)\\s+agreement|dpa|"
                    + "delete\\s+(?:my|our)\\s+(?:data|account)|test(?:ing)?\\s+(?:ticket|message)|wrong\\s+company)\\b"),
            // several people or the whole company
            p("\\b(?:every(?:one|body)|nobody|no\\s+one|all\\s+(?:of\\s+)?(?:our|my)\\s+\\w+|whole\\s+(?:team|office|"
                    + "company)|none\\s+of\\s+us)\\b"),
            // a single person's account
            p("\\b(?:my\\s+(?:account|user|login|password)|only\\s+me|just\\s+me|for\\s+me\\b|i\\s+can'?t)\\b"));

    static final int COUNT = PATTERNS.size();

    private Cues() {
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex);
    }

    /** Indices (0 to {@link #COUNT}) of the cues found in the title and body. */
    static int[] find(String title, String body) {
        String text = (title + "\n" + body).toLowerCase(Locale.ROOT);
        int[] found = new int[COUNT];
        int n = 0;
        for (int i = 0; i < COUNT; i++) {
            if (PATTERNS.get(i).matcher(text).find()) {
                found[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(found, n);
    }
}
