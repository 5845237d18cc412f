package dev.deskloop.triage.model;

import java.util.List;

/**
 * Hashed counts of lower-cased words, word pairs and character 3- to 5-grams (within words). Digits are folded to
 * {@code 0} so that "error 500" and "error 502" share features.
 */
final class NGrams {

    static final int WORD_BITS = 18;
    static final int CHAR_BITS = 18;
    static final int WORD_BUCKETS = 1 << WORD_BITS;
    static final int CHAR_BUCKETS = 1 << CHAR_BITS;
    static final int CUE_BUCKETS = 1 << 16;
    private static final int MAX_WORD_LENGTH = 40;

    private NGrams() {
    }

    /** Words and word pairs of {@code text}, plus the words of {@code title} once more as title features. */
    static SparseVector words(String title, String text) {
        var builder = new SparseVectorBuilder();
        addWords(builder, text, 0xcbf29ce484222325L);
        addWords(builder, title, 0x9ae16a3b2f90404fL);
        return builder.build();
    }

    private static void addWords(SparseVectorBuilder builder, String text, long seed) {
        long previous = 0;
        boolean hasPrevious = false;
        int n = text.length();
        var word = new StringBuilder();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c) || c == '_' || (c == '\'' && !word.isEmpty())) {
                if (word.length() < MAX_WORD_LENGTH) {
                    word.append(Character.isDigit(c) ? '0' : Character.toLowerCase(c));
                }
                continue;
            }
            if (!word.isEmpty()) {
                long hash = fnv(word, 0, word.length(), seed);
                builder.add(bucket(hash, WORD_BUCKETS), 1f);
                if (hasPrevious) {
                    builder.add(bucket(mix(previous * 31 + hash), WORD_BUCKETS), 1f);
                }
                previous = hash;
                hasPrevious = true;
                word.setLength(0);
            }
            if (c == '?') {
                // Questions end with one; it is a word of its own for the classifier.
                builder.add(bucket(seed ^ '?', WORD_BUCKETS), 1f);
            }
            if (c == '.' || c == '?' || c == '!' || c == '\n') {
                hasPrevious = false;
            }
        }
    }

    static SparseVector chars(String text) {
        var builder = new SparseVectorBuilder();
        var word = new StringBuilder(" ");
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                if (word.length() <= MAX_WORD_LENGTH) {
                    word.append(Character.isDigit(c) ? '0' : Character.toLowerCase(c));
                }
                continue;
            }
            if (word.length() > 1) {
                word.append(' ');
                for (int size = 3; size <= 5; size++) {
                    for (int start = 0; start + size <= word.length(); start++) {
                        builder.add(bucket(fnv(word, start, start + size, 0x84222325cbf29ce4L), CHAR_BUCKETS), 1f);
                    }
                }
            }
            word.setLength(1);
        }
        return builder.build();
    }

    /** Hashed counts of whole cue strings (see {@link ClassifierInput#cues()}). */
    static SparseVector cues(List<String> cues) {
        var builder = new SparseVectorBuilder();
        for (String cue : cues) {
            builder.add(bucket(fnv(cue, 0, cue.length(), 0x3c6ef372fe94f82bL), CUE_BUCKETS), 1f);
        }
        return builder.build();
    }

    private static long fnv(CharSequence text, int from, int to, long seed) {
        long hash = seed;
        for (int i = from; i < to; i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    static int bucket(long hash, int buckets) {
        return (int) (mix(hash) & (buckets - 1));
    }
}
