package dev.deskloop.triage.rules;

import dev.deskloop.triage.text.InstructionFilter;
import dev.deskloop.triage.text.MessageText;
import dev.deskloop.triage.text.Sentences;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Picks the customer's own words for engineers: a verbatim excerpt of a customer message (after HTML, quoted
 * history and signature are removed), preferring the first sentence that states the problem.
 */
public final class CustomerQuote {

    private static final int MAX_LENGTH = 280;
    private static final Pattern PROBLEM = Pattern.compile(
            "\\b(?:error|fail\\w*|crash\\w*|broken|doesn'?t|does\\s+not|don'?t|isn'?t|aren'?t|won'?t|can'?t|cannot|"
                    + "couldn'?t|not\\s+\\w+ing|no\\s+longer|stuck|blank|empty|missing|wrong|incorrect|twice|none\\s+of|"
                    + "nobody|no\\s+one|never|unable|stopped|gone|"
                    + "duplicate\\w*|disappear\\w*|charged|refund|locked|how\\s+(?:do|can)|would\\s+(?:love|like)|"
                    + "please\\s+add|is\\s+there\\s+a\\s+way|need|want)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GREETING = Pattern.compile(
            "^(?:hi|hello|hey|dear|good\\s+(?:morning|afternoon|evening)|hallo|bonjour|hola|greetings|thanks|thank you)"
                    + "\\b.{0,40}$",
            Pattern.CASE_INSENSITIVE);

    private CustomerQuote() {
    }

    /** A verbatim excerpt of the customer's messages, or the empty string when they wrote nothing. */
    public static String select(List<MessageText> customerMessages) {
        String fallback = "";
        for (MessageText message : customerMessages) {
            List<String> sentences = Sentences.of(message.text()).stream()
                    .filter(s -> !InstructionFilter.containsInstruction(s))
                    .filter(s -> !GREETING.matcher(s).matches())
                    .toList();
            for (int i = 0; i < sentences.size(); i++) {
                String sentence = sentences.get(i);
                if (PROBLEM.matcher(sentence).find()) {
                    return withNext(message.text(), sentence, i + 1 < sentences.size() ? sentences.get(i + 1) : null);
                }
            }
            if (fallback.isEmpty() && !sentences.isEmpty()) {
                fallback = shorten(sentences.getFirst());
            }
        }
        return fallback;
    }

    /** The sentence, extended by the next one when both are short and adjacent in the original text. */
    private static String withNext(String text, String sentence, String next) {
        if (next != null && sentence.length() < 80 && sentence.length() + next.length() < MAX_LENGTH) {
            int at = text.indexOf(sentence);
            int nextAt = at < 0 ? -1 : text.indexOf(next, at + sentence.length());
            if (nextAt >= 0 && text.substring(at + sentence.length(), nextAt).isBlank()) {
                return text.substring(at, nextAt + next.length());
            }
        }
        return shorten(sentence);
    }

    private static String shorten(String sentence) {
        if (sentence.length() <= MAX_LENGTH) {
            return sentence;
        }
        int cut = sentence.lastIndexOf(' ', MAX_LENGTH);
        // No ellipsis: the quote stays a verbatim substring of what the customer wrote.
        return sentence.substring(0, cut > MAX_LENGTH / 2 ? cut : MAX_LENGTH);
    }
}
