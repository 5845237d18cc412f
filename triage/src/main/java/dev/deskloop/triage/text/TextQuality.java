package dev.deskloop.triage.text;

import java.util.Locale;
import java.util.Set;

/**
 * How much a text looks like English prose the classifier was trained on. Binary dumps, base64, emoji-only or
 * foreign-language tickets score low, and the engine lowers its confidence accordingly.
 *
 * @param letters number of letters in the text
 * @param words number of words
 * @param englishShare share of words that are common English words, 0 to 1
 * @param garbageShare share of characters that are control, replacement or private-use characters, or inside very
 *                     long unbroken tokens (base64, hex dumps), 0 to 1
 */
public record TextQuality(int letters, int words, double englishShare, double garbageShare) {

    private static final Set<String> COMMON_ENGLISH = Set.of(
            "the", "a", "an", "and", "or", "but", "is", "are", "was", "were", "be", "been", "it", "this", "that",
            "to", "of", "in", "on", "for", "with", "at", "from", "by", "as", "not", "no", "can", "can't", "cannot",
            "i", "we", "you", "our", "my", "your", "they", "he", "she", "me", "us", "have", "has", "had", "do", "does",
            "did", "don't", "doesn't", "when", "what", "how", "why", "where", "which", "who", "if", "so", "there",
            "all", "any", "some", "get", "got", "just", "now", "still", "since", "after", "before", "again", "please",
            "thanks", "hi", "hello", "would", "could", "should", "will", "here", "out", "up", "about",
            "error", "page", "app", "invoice", "login", "account", "work", "working", "works", "doesn", "isn't", "won't",
            "same", "shows", "see", "click", "try", "tried", "need", "want", "like", "one", "time", "today",
            "yesterday", "new", "also", "then", "only", "every", "them", "their", "its", "it's", "i'm", "we're");
    private static final int LONG_TOKEN = 60;

    /** Measures {@code text}. */
    public static TextQuality of(String text) {
        int letters = 0;
        int garbage = 0;
        int words = 0;
        int english = 0;
        int tokenStart = -1;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            if (Character.isLetter(c)) {
                letters++;
            } else if (c == '\uFFFD' || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
                    || Character.getType(c) == Character.PRIVATE_USE) {
                garbage++;
            }
            boolean wordChar = Character.isLetterOrDigit(c) || c == '\'' || c == '+' || c == '/' || c == '=';
            if (wordChar && tokenStart < 0) {
                tokenStart = i;
            } else if (!wordChar && tokenStart >= 0) {
                int length = i - tokenStart;
                if (length >= LONG_TOKEN) {
                    garbage += length;
                } else {
                    words++;
                    if (COMMON_ENGLISH.contains(text.substring(tokenStart, i).toLowerCase(Locale.ROOT))) {
                        english++;
                    }
                }
                tokenStart = -1;
            }
        }
        double englishShare = words == 0 ? 0 : (double) english / words;
        double garbageShare = n == 0 ? 0 : Math.min(1.0, (double) garbage / n);
        return new TextQuality(letters, words, englishShare, garbageShare);
    }

    /** A factor from 0 to 1 that scales the classifier's confidence. */
    public double confidenceFactor() {
        double factor = 1.0;
        if (words < 3 || letters < 12) {
            factor *= 0.3;
        } else if (words < 8) {
            factor *= 0.7;
        }
        // Ordinary English prose has 35-60 % of such common words; ticket jargon and short texts fewer.
        if (englishShare < 0.08) {
            factor *= 0.35;
        } else if (englishShare < 0.18) {
            factor *= 0.7;
        }
        if (garbageShare > 0.3) {
            factor *= 0.3;
        } else if (garbageShare > 0.1) {
            factor *= 0.7;
        }
        return factor;
    }
}
