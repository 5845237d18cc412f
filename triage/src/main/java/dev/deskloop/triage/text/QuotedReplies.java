package dev.deskloop.triage.text;

import java.util.regex.Pattern;

/**
 * Removes the quoted history that mail clients append to a reply: "On … wrote:" headers and everything after them,
 * Outlook "From:/Sent:" blocks, "Original Message" separators, Zendesk's "reply above this line" marker, and lines
 * that start with {@code >}.
 */
public final class QuotedReplies {

    private static final Pattern WROTE_HEADER = Pattern.compile(
            "^\\s*(?:On\\s.{4,300}\\swrote|Le\\s.{4,300}\\sa\\s+écrit|Am\\s.{4,300}\\sschrieb|El\\s.{4,300}\\sescribió"
                    + "|Op\\s.{4,300}\\sschreef|Il\\s.{4,300}\\sha\\s+scritto)\\s*:\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WROTE_START = Pattern.compile(
            "^\\s*(?:On|Le|Am|El|Op|Il)\\s.{0,200}\\d.{0,200}$", Pattern.CASE_INSENSITIVE);
    private static final Pattern WROTE_END = Pattern.compile(
            "^.{0,200}(?:wrote|a\\s+écrit|schrieb|escribió|schreef|ha\\s+scritto)\\s*:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEPARATOR = Pattern.compile(
            "^\\s*(?:-{2,}\\s*(?:Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine)\\s*-{2,}"
                    + "|_{8,}|##-\\s*Please type your reply above this line\\s*-##"
                    + "|\\[?Please type your reply above this line]?)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_FROM = Pattern.compile("^\\s*\\*?(?:From|Von|De)\\s*:\\*?\\s.{1,300}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_FIELD = Pattern.compile(
            "^\\s*\\*?(?:Sent|Date|To|Subject|Gesendet|Envoyé|Datum|Betreff|Objet)\\s*:\\*?.{0,300}$",
            Pattern.CASE_INSENSITIVE);

    private QuotedReplies() {
    }

    /** The text before the quoted history, without {@code >}-quoted lines. */
    public static String strip(String text) {
        String[] lines = text.split("\n", -1);
        var out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (isQuoteStart(lines, i)) {
                break;
            }
            if (line.stripLeading().startsWith(">")) {
                continue;
            }
            out.append(line).append('\n');
        }
        return out.toString().strip();
    }

    private static boolean isQuoteStart(String[] lines, int i) {
        String line = lines[i];
        if (line.length() > 600) {
            return false;
        }
        if (SEPARATOR.matcher(line).matches() || WROTE_HEADER.matcher(line).matches()) {
            return true;
        }
        // Long "On <date>, <name> <address>" headers wrap before "wrote:".
        if (i + 1 < lines.length && WROTE_START.matcher(line).matches() && lines[i + 1].length() < 400
                && WROTE_END.matcher(lines[i + 1]).matches()) {
            return true;
        }
        if (OUTLOOK_FROM.matcher(line).matches()) {
            int fields = 0;
            for (int j = i + 1; j < Math.min(lines.length, i + 5); j++) {
                if (lines[j].length() < 400 && OUTLOOK_FIELD.matcher(lines[j]).matches()) {
                    fields++;
                }
            }
            return fields >= 2;
        }
        return false;
    }
}
