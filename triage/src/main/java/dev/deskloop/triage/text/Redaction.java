package dev.deskloop.triage.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data and secrets in text with placeholders before it leaves the process: e-mail addresses,
 * phone numbers, payment card numbers (Luhn-checked), API keys and tokens ({@code sk-…}, {@code Bearer …},
 * {@code api_key=…}, JWTs, provider token formats) and passwords written as {@code password: …}.
 */
public final class Redaction {

    public static final String EMAIL = "[email]";
    public static final String PHONE = "[phone]";
    public static final String CARD = "[card]";
    public static final String SECRET = "[secret]";

    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic|token)\\s+[A-Za-z0-9._~+/=*-]{8,}");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)\\b((?:api[_-]?key|apikey|access[_-]?token|auth[_-]?token|refresh[_-]?token|client[_-]?secret|secret|"
                    + "password|passwd|pwd|passcode|pin|private[_-]?key|x-api-key|authorization)\"?\\s*[:=]\\s*\"?)"
                    + "([^\\s\"',;]{3,})");
    private static final Pattern TOKEN = Pattern.compile(
            "\\b(?:sk-[A-Za-z0-9_-]{8,}|(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{6,}|[a-z]{2,6}_(?:live|test)_[A-Za-z0-9*]{4,}"
                    + "|gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{20,}|xox[abpres]-[A-Za-z0-9-]{10,}"
                    + "|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{30,}|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{4,}"
                    + "|glpat-[A-Za-z0-9_-]{16,})");
    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24}");
    private static final Pattern CARD_NUMBER = Pattern.compile("(?<![\\d.-])(?:\\d[ -]?){12,18}\\d(?![\\d-])");
    private static final Pattern PHONE_NUMBER = Pattern.compile(
            "(?<![\\w.+/-])(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{1,4}\\)[\\s.-]?)?\\d{2,4}(?:[\\s.-]\\d{2,5}){1,3}(?![\\w/-])"
                    + "|(?<![\\w+])\\+\\d{8,15}(?!\\w)");
    private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");

    private Redaction() {
    }

    /** The text with personal data and secrets replaced by placeholders. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = BEARER.matcher(text).replaceAll("$1 " + Matcher.quoteReplacement(SECRET));
        out = KEY_VALUE.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(SECRET));
        out = TOKEN.matcher(out).replaceAll(Matcher.quoteReplacement(SECRET));
        out = EMAIL_ADDRESS.matcher(out).replaceAll(Matcher.quoteReplacement(EMAIL));
        out = replaceCards(out);
        return replacePhones(out);
    }

    private static String replaceCards(String text) {
        Matcher m = CARD_NUMBER.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            m.appendReplacement(out, Matcher.quoteReplacement(luhn(digits) ? CARD : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String replacePhones(String text) {
        Matcher m = PHONE_NUMBER.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            String match = m.group();
            long digits = match.chars().filter(Character::isDigit).count();
            boolean phone = digits >= 7 && digits <= 15 && !DATE_LIKE.matcher(match).matches();
            m.appendReplacement(out, Matcher.quoteReplacement(phone ? PHONE : match));
        }
        m.appendTail(out);
        return out.toString();
    }

    static boolean luhn(String digits) {
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
