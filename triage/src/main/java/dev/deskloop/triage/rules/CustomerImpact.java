package dev.deskloop.triage.rules;

import dev.deskloop.triage.text.Sentences;
import java.util.regex.Pattern;

/**
 * Finds the sentence that says who is hurt and how much: blocked work ("techs are sitting in the yard"), breadth
 * ("all our customers", "team of 22"), money, deadlines, compliance. The highest-scoring sentence wins, the later
 * one on a tie.
 */
public final class CustomerImpact {

    private static final Pattern[] CUES = {
        Pattern.compile("\\b(?:we|our\\s+\\w+(?:\\s+\\w+)?|they|techs?|technicians|customers|clients|staff|team|"
                + "dispatchers?|office|nobody|no\\s+one|everyone|users?)\\s+(?:can'?t|cannot|are\\s+unable|couldn'?t|"
                + "have\\s+to|had\\s+to|are\\s+losing|lose|lost|missed|miss|are\\s+waiting|are\\s+sitting|are\\s+stuck|"
                + "is\\s+blocked|are\\s+blocked|rely|depend|need\\s+(?:this|it)|are\\s+calling|keep\\s+calling|"
                + "are\\s+complaining|get\\s+calls|are\\s+getting\\s+calls)\\b", Pattern.CASE_INSENSITIVE),
        Pattern.compile("\\b(?:all|every|most)\\s+(?:of\\s+)?(?:our|the|my)?\\s*(?:customers|clients|users|techs|"
                + "technicians|staff|team|invoices|jobs|payments|dispatchers)\\b|\\bnobody\\b|\\bno\\s+one\\b|"
                + "\\beveryone\\b|\\bwhole\\s+(?:team|company|office)\\b|\\bteam\\s+of\\s+\\d+", Pattern.CASE_INSENSITIVE),
        Pattern.compile("\\b\\d[\\d,]*\\s+(?:customers|clients|users|techs|technicians|people|staff|invoices|jobs|"
                + "payments|employees|accounts|locations|crews?|trucks)\\b|\\$\\s?\\d[\\d,]*", Pattern.CASE_INSENSITIVE),
        Pattern.compile("\\b(?:revenue|money|cash\\s*flow|payroll|deadline|compliance|audit|contract|sla|"
                + "penalt(?:y|ies)|refunds?|complain(?:ts?|ing)|no-?shows?|wasted|truck\\s+roll|overtime|"
                + "reputation|lose\\s+the\\s+client|losing)\\b", Pattern.CASE_INSENSITIVE),
        Pattern.compile("\\b(?:blocked|blocking|can'?t\\s+work|can'?t\\s+invoice|can'?t\\s+(?:get\\s+)?paid|"
                + "stopped\\s+working|standstill|totally\\s+stuck|completely\\s+stuck|by\\s+hand|manually|"
                + "workaround|urgent|asap|critical\\s+for\\s+us)\\b", Pattern.CASE_INSENSITIVE),
    };

    private CustomerImpact() {
    }

    /** The sentence of {@code text} that best describes the customer impact, or null. */
    public static String extract(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String best = null;
        int bestScore = 0;
        for (String sentence : Sentences.of(text)) {
            if (sentence.length() > 500 || sentence.endsWith("?")) {
                continue;
            }
            int score = 0;
            for (Pattern cue : CUES) {
                if (cue.matcher(sentence).find()) {
                    score++;
                }
            }
            // On a tie the later sentence wins: tickets state the problem first and its consequences after.
            if (score > 0 && score >= bestScore) {
                best = sentence;
                bestScore = score;
            }
        }
        return bestScore >= 1 ? ExpectedActual.shorten(best) : null;
    }
}
