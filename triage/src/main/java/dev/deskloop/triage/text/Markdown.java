package dev.deskloop.triage.text;

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

    private Markdown() {
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
