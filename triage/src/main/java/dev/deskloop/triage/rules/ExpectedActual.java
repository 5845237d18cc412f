package dev.deskloop.triage.rules;

import dev.deskloop.triage.text.Sentences;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what the customer expected and what actually happened: labelled lines ("Expected: …", "Actual result: …")
 * first, then phrasings such as "it should …", "I expected …", "but instead I get …", and for the actual behaviour
 * the first sentence that reports a failure.
 */
public final class ExpectedActual {

    /** Expected and actual behaviour; either may be null. */
    public record Behaviour(String expected, String actual) {
    }

    private static final int MAX_LENGTH = 300;
    private static final Pattern EXPECTED_LABEL = Pattern.compile(
            "^\\s*(?:#{1,6}\\s*|\\*\\*)?(?:expected(?:\\s+(?:result|behaviou?r|outcome))?|what\\s+should\\s+happen|"
                    + "erwartet(?:es\\s+verhalten)?)\\s*(?:\\*\\*)?\\s*[:\\-–]\\s*(.+)$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern ACTUAL_LABEL = Pattern.compile(
            "^\\s*(?:#{1,6}\\s*|\\*\\*)?(?:actual(?:\\s+(?:result|behaviou?r|outcome))?|what\\s+(?:actually\\s+)?happens|"
                    + "result|observed|tatsächlich(?:es\\s+verhalten)?)\\s*(?:\\*\\*)?\\s*[:\\-–]\\s*(.+)$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern INLINE_ACTUAL = Pattern.compile(
            "(?<=[.;!?)]\\s|\\s)(?:actual(?:\\s+(?:result|behaviou?r|outcome))?|but\\s+actually|instead)\\s*[:\\-–]\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPECTED_PHRASE = Pattern.compile(
            "^\\s*expected\\b|^\\s*it\\s+used\\s+to\\b|\\b(?:i|we)\\s+(?:would\\s+)?expect(?:ed)?\\b|\\b(?:it|this|that|they|the\\s+[\\w -]{1,30}|there)\\s+"
                    + "(?:should|is\\s+supposed\\s+to|are\\s+supposed\\s+to|was\\s+supposed\\s+to|used\\s+to)\\b|"
                    + "\\bsupposed\\s+to\\b|\\bshould\\s+(?:be|show|display|have|get|go|send|see|work|stay|keep|include|"
                    + "appear|open|load|update|sync|arrive|save|list|say|match|use|let)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTUAL_PHRASE = Pattern.compile(
            "\\b(?:but|instead)\\b.{0,40}\\b(?:get|gets|got|see|sees|saw|shows?|showed|shown|returns?|returned|says?|said|"
                    + "displays?|displayed|throws?|gives?|gave|appears?|is|are|was|were|comes\\s+out|stays?|jumps?|"
                    + "fails?|failed|crash(?:es|ed)?|only)\\b|\\binstead\\b|\\b(?:i|we|they|it)\\s+(?:get|got|see|saw)\\s+"
                    + "(?:an?\\s+)?(?:error|\"|“|message|a\\s+blank|nothing|the\\s+spinner|a\\s+spinner|http|\\d{3})",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FAILURE = Pattern.compile(
            "\\b(?:error|fails?|failed|failing|failure|crash(?:es|ed|ing)?|broken|doesn'?t|does\\s+not|don'?t|isn'?t|"
                    + "aren'?t|won'?t|can'?t|cannot|couldn'?t|not\\s+(?:working|loading|showing|sent|saved|arriving|"
                    + "syncing)|no\\s+longer|stuck|blank|empty|missing|wrong|incorrect|twice|duplicate[sd]?|"
                    + "disappear(?:s|ed)?|spinner|timeout|timed\\s+out|500|502|503|504|404|403|401|429|freez(?:es|ing)|"
                    + "hangs?|never|still\\s+(?:work|works|returns?|succeeds?|goes\\s+through|shows?|appears?))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GREETING = Pattern.compile(
            "^(?:hi|hello|hey|dear|good\\s+(?:morning|afternoon|evening)|hallo|bonjour|hola)\\b.{0,40}$",
            Pattern.CASE_INSENSITIVE);

    private ExpectedActual() {
    }

    /** Expected and actual behaviour described in {@code text}. */
    public static Behaviour extract(String text) {
        if (text == null || text.isBlank()) {
            return new Behaviour(null, null);
        }
        String expected = labelled(EXPECTED_LABEL, text);
        String actual = labelled(ACTUAL_LABEL, text);
        if (expected != null) {
            // "Expected: X. Actual: Y" on one line: the label ends the expected part and starts the actual one.
            Matcher inline = INLINE_ACTUAL.matcher(expected);
            if (inline.find() && inline.start() > 0) {
                String rest = expected.substring(inline.end()).strip();
                expected = shorten(expected.substring(0, inline.start()).strip());
                if (actual == null && !rest.isEmpty()) {
                    actual = shorten(rest);
                }
            }
        }
        List<String> sentences = Sentences.of(text);
        if (expected == null) {
            expected = first(sentences, EXPECTED_PHRASE);
        }
        if (actual == null) {
            String expectedText = expected;
            actual = first(sentences.stream().filter(s -> !shorten(s).equals(expectedText)).toList(), ACTUAL_PHRASE);
        }
        if (actual == null) {
            for (String sentence : sentences) {
                if (!shorten(sentence).equals(expected) && !GREETING.matcher(sentence).matches() && sentence.length() < 600
                        && FAILURE.matcher(sentence).find()) {
                    actual = shorten(sentence);
                    break;
                }
            }
        }
        return new Behaviour(expected, actual);
    }

    private static String labelled(Pattern label, String text) {
        Matcher m = label.matcher(text);
        return m.find() ? shorten(m.group(1)) : null;
    }

    private static String first(List<String> sentences, Pattern phrase) {
        for (String sentence : sentences) {
            if (sentence.length() < 600 && !sentence.endsWith("?") && phrase.matcher(sentence).find()) {
                return shorten(sentence);
            }
        }
        return null;
    }

    static String shorten(String text) {
        String s = text.strip();
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH).strip() + "…" : s;
    }
}
