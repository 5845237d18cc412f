package dev.deskloop.triage.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces Markdown and pasted technical text to what a classifier should read: HTML comments (issue templates),
 * code blocks, images and links become short placeholders, so that a long stack trace does not drown the prose.
 */
public final class Markdown {

    private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?(-->|\\z)", Pattern.DOTALL);
    private static final Pattern FENCED_CODE = Pattern.compile("(?s)(```|~~~).*?(\\1|\\z)");
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]\\n]{0,200}]\\([^)\\s]{0,500}\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]{0,200})]\\([^)\\s]{0,500}\\)");
    private static final Pattern URL = Pattern.compile("\\bhttps?://[^\\s)>\\]]{1,500}");
    private static final Pattern HEADING_MARKS = Pattern.compile("(?m)^\\s{0,3}#{1,6}\\s*");
    private static final Pattern EMPHASIS = Pattern.compile("[*_]{2,3}");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private static final Pattern TEMPLATE_NAME =
            Pattern.compile("(?i)\\b([a-z0-9]+(?:[_-][a-z0-9]+)*[_-]template)\\b");
    private static final Pattern HEADING =
            Pattern.compile("^\\s{0,3}(?:#{1,6}\\s*(.+?)[\\s#]*|\\*\\*([^*]{2,80})\\*\\*\\s*:?)$");
    private static final Pattern CHECKBOX = Pattern.compile("^\\s*[-*+]\\s*\\[([ xX])]\\s*(.*)$");
    private static final Pattern FIELD =
            Pattern.compile("^\\s*(?:[-*+]\\s*)?\\**([A-Za-z][A-Za-z /()-]{1,40}?)\\**\\s*(?::|=>)\\s*(.*)$");
    private static final Pattern TAG = Pattern.compile("<[^>\\n]{0,200}>");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MAX_CUES = 64;
    private static final int KEY_WORDS = 6;
    private static final int VALUE_WORDS = 3;
    private static final int FIELD_VALUE_WORDS = 6;

    private Markdown() {
    }

    /**
     * The structure of an issue written from a template, as short cue strings: the template named in HTML comments
     * ({@code "template bug_report_template"}), each heading ({@code "heading issue type"}), a heading with the
     * first words under it ({@code "issue type = bug"}), form fields ({@code "type = bug"}) and ticked or unticked
     * check boxes ({@code "checked i searched existing issues"}). Plain prose loses these pairs, because a
     * heading and its value sit on different lines. Lower-case, digits folded to 0, at most 64 cues.
     */
    public static List<String> cues(String markdown) {
        List<String> cues = new ArrayList<>();
        if (markdown == null || markdown.isEmpty()) {
            return cues;
        }
        Matcher comments = HTML_COMMENT.matcher(markdown);
        while (comments.find() && cues.size() < MAX_CUES) {
            Matcher name = TEMPLATE_NAME.matcher(comments.group());
            while (name.find() && cues.size() < MAX_CUES) {
                cues.add("template " + name.group(1).toLowerCase(Locale.ROOT));
            }
        }
        String text = HTML_COMMENT.matcher(markdown).replaceAll(" ");
        text = FENCED_CODE.matcher(text).replaceAll("\n[code]\n");
        String heading = null;
        for (String rawLine : text.split("\n")) {
            if (cues.size() >= MAX_CUES) {
                break;
            }
            String line = TAG.matcher(rawLine).replaceAll(" ").strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                heading = words(h.group(1) != null ? h.group(1) : h.group(2), KEY_WORDS);
                if (!heading.isEmpty()) {
                    cues.add("heading " + heading);
                } else {
                    heading = null;
                }
                continue;
            }
            if (heading != null) {
                String value = words(line, VALUE_WORDS);
                cues.add(heading + " = " + (value.isEmpty() ? "-" : value));
                heading = null;
            }
            Matcher box = CHECKBOX.matcher(line);
            if (box.matches()) {
                cues.add((box.group(1).isBlank() ? "unchecked " : "checked ") + words(box.group(2), KEY_WORDS));
                continue;
            }
            Matcher field = FIELD.matcher(line);
            if (field.matches()) {
                String key = words(field.group(1), KEY_WORDS);
                String value = words(field.group(2), VALUE_WORDS);
                if (!key.isEmpty()) {
                    cues.add("field " + key);
                    if (!value.isEmpty()) {
                        cues.add(key + " = " + value);
                    }
                }
            }
        }
        return cues;
    }

    /**
     * Like {@link #toPlainText}, without the lines that make up an issue template's form: headings, check boxes
     * and short "field: value" lines ({@link #cues} keeps what they say). What is left is the reporter's prose.
     */
    public static String toProse(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        String text = HTML_COMMENT.matcher(markdown).replaceAll(" ");
        text = FENCED_CODE.matcher(text).replaceAll(" [code] ");
        var kept = new StringBuilder(text.length());
        for (String rawLine : text.split("\n")) {
            String line = TAG.matcher(rawLine).replaceAll(" ").strip();
            if (HEADING.matcher(line).matches() || CHECKBOX.matcher(line).matches()) {
                continue;
            }
            Matcher field = FIELD.matcher(line);
            if (field.matches()
                    && words(field.group(2), FIELD_VALUE_WORDS + 1).split(" ").length <= FIELD_VALUE_WORDS) {
                continue;
            }
            kept.append(rawLine).append('\n');
        }
        return toPlainText(kept.toString());
    }

    /** The first {@code limit} words of {@code text}, lower-case, with digits folded to 0. */
    private static String words(String text, int limit) {
        String[] parts = NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip().split(" ");
        var result = new StringBuilder();
        for (int i = 0, taken = 0; i < parts.length && taken < limit; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            if (!result.isEmpty()) {
                result.append(' ');
            }
            result.append(parts[i].replaceAll("\\p{N}", "0"));
            taken++;
        }
        return result.toString();
    }

    /** Plain prose with placeholders for code, images and links. */
    public static String toPlainText(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        String text = HTML_COMMENT.matcher(markdown).replaceAll(" ");
        text = FENCED_CODE.matcher(text).replaceAll(" [code] ");
        text = IMAGE.matcher(text).replaceAll(" [image] ");
        text = LINK.matcher(text).replaceAll("$1");
        text = URL.matcher(text).replaceAll("[link]");
        text = HEADING_MARKS.matcher(text).replaceAll("");
        text = EMPHASIS.matcher(text).replaceAll("");
        text = SPACES.matcher(text).replaceAll(" ");
        text = BLANK_LINES.matcher(text).replaceAll("\n\n");
        return text.strip();
    }
}
