package dev.deskloop.triage.rules;

import dev.deskloop.triage.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Phrases that move a bug's severity, following the scale of PRODUCT.md: outage, data loss, security exposure or
 * money movement failing for many users (critical); a core workflow blocked (high); a workaround or an edge case
 * (medium); cosmetic or minor (low). The engine adds these scores to the learned severity model, where rules are
 * more reliable than a model trained on a few hundred tickets.
 */
public final class SeveritySignals {

    /** Scores to add per severity (log-odds), and the cues found, for explanations and tests. */
    public record Assessment(Map<Severity, Double> scores, List<String> cues) {

        public double score(Severity severity) {
            return scores.getOrDefault(severity, 0.0);
        }

        /** The severity with the strongest rule evidence, if any rule fired. */
        public Severity strongest() {
            Severity best = null;
            double bestScore = 0;
            for (Severity severity : Severity.values()) {
                if (score(severity) > bestScore) {
                    best = severity;
                    bestScore = score(severity);
                }
            }
            return best;
        }
    }

    private record Cue(String name, Severity severity, double weight, Pattern pattern) {
    }

    private static final String BREADTH = "(?:every(?:one|body)|all\\s+(?:of\\s+)?(?:our|the|my)?\\s*(?:customers|clients|"
            + "users|techs|technicians|staff|employees|people|team|dispatchers|offices?|phones|devices|iphones|"
            + "android)|nobody|no\\s+one|none\\s+of\\s+(?:our|us|the)|whole\\s+(?:team|company|office|org)|"
            + "entire\\s+(?:team|company|office|org)|team\\s+of\\s+\\d+|all\\s+(?:\\d+\\s+)?users|company[- ]wide|"
            + "across\\s+(?:companies|accounts|tenants)|many\\s+(?:customers|clients|users))";
    private static final List<Cue> CUES = List.of(
            cue("outage", Severity.CRITICAL, 3.0, "\\b(?:site|app|everything|service|platform|tidewell|system|api)\\s+"
                    + "(?:is\\s+|went\\s+|seems\\s+)?(?:completely\\s+|totally\\s+)?down\\b|\\boutage\\b|"
                    + "\\bservice\\s+unavailable\\b|\\b(?:502|503)\\b.{0,60}\\b(?:every|all|any)\\b|"
                    + "\\b(?:every|all|any)\\b.{0,60}\\b(?:502|503)\\b|\\bnothing\\s+(?:works|loads)\\b|"
                    + "\\bnicht\\s+erreichbar\\b|\\bcrash(?:es)?\\s+(?:immediately\\s+)?on\\s+(?:launch|start)"),
            cue("security", Severity.CRITICAL, 3.5, "\\b(?:security|privacy|vulnerab\\w*|data\\s+(?:leak|breach|exposure)|"
                    + "exposed|leak(?:s|ed|ing)?|gdpr|not\\s+ours|someone\\s+else'?s|(?:an)?other\\s+(?:compan(?:y|ies)|"
                    + "tenants?|business(?:es)?|accounts?)'?s?\\s+(?:customers|data|invoices|jobs|names)|"
                    + "meant\\s+for\\s+other|publicly\\s+(?:accessible|visible|available)|anyone\\s+(?:with\\s+the\\s+link|"
                    + "can\\s+(?:see|open|access))|without\\s+(?:logging|signing)\\s+in)\\b"),
            cue("data loss", Severity.CRITICAL, 3.0, "\\b(?:data\\s+loss|lost\\s+(?:all|every|our)|(?:are|were|is|got)\\s+"
                    + "(?:all\\s+)?(?:gone|deleted|wiped|erased)|all\\s+(?:of\\s+)?(?:our|the)\\s+\\w+(?:\\s+\\w+)?\\s+"
                    + "(?:are|were)\\s+(?:gone|missing|deleted)|disappeared\\s+completely|permanently\\s+deleted)\\b"),
            cue("money movement", Severity.CRITICAL, 1.6, "\\b(?:charged|debited|billed|pulled)\\s+twice\\b|"
                    + "\\bdouble[- ](?:charg|debit)\\w*|\\bpayments?\\s+(?:are\\s+|is\\s+)?(?:all\\s+)?fail\\w*|"
                    + "\\b(?:can'?t|cannot|unable\\s+to)\\s+pay\\b|\\bpayouts?\\b.{0,40}\\b(?:stopped|missing|not\\s+"
                    + "arriv\\w*|stuck)|\\bfor\\s+\\$0\\b|\\$0\\.00"),
            cue("breadth", Severity.CRITICAL, 1.2, "\\b" + BREADTH + "\\b"),
            cue("blocked", Severity.HIGH, 1.5, "\\b(?:can'?t|cannot|can\\s+not|unable\\s+to|couldn'?t|won'?t\\s+let\\s+"
                    + "(?:us|me|them))\\s+(?:\\w+\\s+){0,2}(?:log\\s*in|login|sign\\s+in|get\\s+(?:back\\s+)?in|clock\\s+in|"
                    + "create|send|invoice|pay|start|save|sync|work|use|open|access|book|schedule|dispatch|add|"
                    + "submit|complete|run|export|import|see\\s+(?:any|their)|do\\s+(?:our|any))\\b|\\bblocked\\b|"
                    + "\\bblocking\\b|\\bno\\s+workaround\\b|\\bstuck\\b|\\bstopped\\s+(?:working|arriving|syncing)\\b|"
                    + "\\bnever\\s+(?:arrives?|syncs?|saves?|loads?)\\b|\\bforever\\b|\\bcrash(?:es|ing)?\\b|"
                    + "\\b(?:500|502|503)\\b|\\burgent\\b|\\basap\\b|\\bnicht\\s+mehr\\b|\\bno\\s+podemos\\b"),
            cue("workaround", Severity.MEDIUM, 1.2, "\\bworkaround\\b|\\bwork\\s+around\\b|\\bmanually\\b|\\bby\\s+hand\\b|"
                    + "\\b(?:sometimes|intermittent\\w*|occasionally|now\\s+and\\s+then|some\\s+of\\s+(?:our|the))\\b|"
                    + "\\bonly\\s+(?:for|on|when|if|with)\\b|\\bin\\s+the\\s+meantime\\b|\\bnot\\s+urgent\\b|"
                    + "\\bvon\\s+hand\\b|\\bfor\\s+now\\b"),
            cue("cosmetic", Severity.LOW, 2.2, "\\b(?:cosmetic|typo|spelling|misspel\\w*|misaligned|alignment|"
                    + "not\\s+a\\s+big\\s+deal|no\\s+big\\s+deal|minor|looks\\s+(?:weird|odd|off|a\\s+bit|broken)|"
                    + "would\\s+be\\s+(?:nice|easier)|nice\\s+to\\s+have|hard\\s+to\\s+read|contrast|stretched|"
                    + "squashed|cut\\s+off|placeholder|tooltip|decimals?|rounded|emoji|font|colou?r|icon|footer|"
                    + "tab\\s+title|wording|translation|untranslated|sin\\s+traducir|no\\s+es\\s+urgente|just\\s+noisy|"
                    + "won'?t\\s+care|figured\\s+you'?d\\s+want\\s+to\\s+know|still\\s+goes\\s+through|"
                    + "can\\s+still|still\\s+works|just\\s+looks)\\b"));

    private SeveritySignals() {
    }

    private static Cue cue(String name, Severity severity, double weight, String regex) {
        return new Cue(name, severity, weight, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }

    /** The rule evidence in {@code text}, the analysed customer text and subject of a bug ticket. */
    public static Assessment assess(String text) {
        Map<Severity, Double> scores = new EnumMap<>(Severity.class);
        List<String> cues = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new Assessment(scores, cues);
        }
        String head = text.length() > 20_000 ? text.substring(0, 20_000) : text;
        boolean breadth = false;
        boolean severeKind = false;
        for (Cue cue : CUES) {
            if (!cue.pattern().matcher(head).find()) {
                continue;
            }
            cues.add(cue.name());
            if (cue.name().equals("breadth")) {
                breadth = true;
                continue;
            }
            if (cue.severity() == Severity.CRITICAL && !cue.name().equals("money movement")) {
                severeKind = true;
            }
            scores.merge(cue.severity(), cue.weight(), Double::sum);
        }
        if (breadth) {
            // Many users affected: a blocked workflow becomes an outage, money failing becomes critical.
            scores.merge(Severity.CRITICAL, cues.contains("money movement") || severeKind ? 1.5 : 0.6, Double::sum);
            scores.merge(Severity.HIGH, 0.8, Double::sum);
        }
        return new Assessment(scores, List.copyOf(cues));
    }
}
