package dev.deskloop.triage.text;

import java.util.ArrayList;
import java.util.List;

/** Splits text into sentences, keeping each one verbatim (lines count as sentence ends too). */
public final class Sentences {

    private Sentences() {
    }

    /** The sentences of {@code text}, stripped, in order, none empty. */
    public static List<String> of(String text) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean end = c == '\n'
                    || ((c == '.' || c == '!' || c == '?') && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1)))
                    && !abbreviation(text, i));
            if (end) {
                add(sentences, text.substring(start, c == '\n' ? i : i + 1));
                start = i + 1;
            }
        }
        add(sentences, text.substring(Math.min(start, n)));
        return sentences;
    }

    private static boolean abbreviation(String text, int dot) {
        if (text.charAt(dot) != '.') {
            return false;
        }
        int from = dot - 1;
        while (from >= 0 && Character.isLetter(text.charAt(from))) {
            from--;
        }
        String word = text.substring(from + 1, dot).toLowerCase(java.util.Locale.ROOT);
        return switch (word) {
            case "e", "g", "i", "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "approx", "no", "ca", "st" -> true;
            default -> false;
        };
    }

    private static void add(List<String> sentences, String sentence) {
        String stripped = sentence.strip();
        if (!stripped.isEmpty()) {
            sentences.add(stripped);
        }
    }
}
