package dev.deskloop.triage.text;

import java.util.regex.Pattern;

/**
 * Removes e-mail signatures and sign-offs: everything after a {@code -- } delimiter, "Sent from my iPhone" lines,
 * and a closing such as "Thanks,\nJane Doe\nAcme Ltd" when only short lines (name, title, phone) follow it.
 */
public final class Signatures {

    private static final Pattern DELIMITER = Pattern.compile("^--\\s?$|^—\\s*$");
    private static final Pattern DEVICE_LINE = Pattern.compile(
            "^\\s*(?:Sent from my .{1,40}|Sent from (?:Mail|Outlook) for .{1,40}|Get Outlook for .{1,40}"
                    + "|Sent from Yahoo Mail.{0,40}|Envoyé de mon .{1,40}|Von meinem .{1,40} gesendet)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOSING = Pattern.compile(
            "^\\s*(?:thanks(?: again| so much| a lot| in advance)?|thank you(?: so much| in advance)?|many thanks|"
                    + "thx|ty|cheers|best|best regards|kind regards|warm regards|regards|sincerely|yours(?: truly)?|"
                    + "all the best|br|greetings|talk soon|danke|merci|gracias|mit freundlichen grüßen|"
                    + "viele grüße|cordialement|saludos)\\s*[,.!]?\\s*(?:[-–—]?\\s*\\p{Lu}[\\p{L}.'-]{0,30}"
                    + "(?:\\s\\p{Lu}[\\p{L}.'-]{0,30})?)?\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_TRAILING_LINES = 6;
    private static final int MAX_TRAILING_LINE_LENGTH = 80;

    private Signatures() {
    }

    /** The text without its signature. */
    public static String strip(String text) {
        String[] lines = text.split("\n", -1);
        int end = lines.length;
        for (int i = 0; i < lines.length; i++) {
            if (DELIMITER.matcher(lines[i]).matches() && i > 0) {
                end = i;
                break;
            }
        }
        var kept = new StringBuilder();
        int keptLines = 0;
        String[] body = new String[end];
        for (int i = 0; i < end; i++) {
            if (!DEVICE_LINE.matcher(lines[i]).matches()) {
                body[keptLines++] = lines[i];
            }
        }
        int cut = keptLines;
        for (int i = keptLines - 1; i >= Math.max(1, keptLines - MAX_TRAILING_LINES - 1); i--) {
            if (body[i].length() < 120 && CLOSING.matcher(body[i]).matches() && onlyShortLinesAfter(body, i, keptLines)) {
                cut = i;
                break;
            }
        }
        for (int i = 0; i < cut; i++) {
            kept.append(body[i]).append('\n');
        }
        return kept.toString().strip();
    }

    private static boolean onlyShortLinesAfter(String[] lines, int from, int to) {
        int nonBlank = 0;
        for (int i = from + 1; i < to; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            nonBlank++;
            if (line.length() > MAX_TRAILING_LINE_LENGTH || line.endsWith("?")) {
                return false;
            }
        }
        return nonBlank <= MAX_TRAILING_LINES;
    }
}
