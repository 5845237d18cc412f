package dev.deskloop.bug;

import java.util.StringJoiner;

import dev.deskloop.triage.Triage;

/**
 * What two bug tickets are compared on: the subject, the actual behaviour and the customer's own words. Repro steps,
 * greetings and signatures are left out: they are long, and alike across different bugs of the same screen.
 */
public final class BugText {

    private BugText() {
    }

    public static String of(String subject, Triage triage) {
        StringJoiner text = new StringJoiner("\n");
        add(text, subject);
        add(text, triage.actual());
        if (triage.customerQuote() != null && !triage.customerQuote().equals(triage.actual())) {
            add(text, triage.customerQuote());
        }
        return text.toString();
    }

    /** A bug title: the ticket's subject, else its actual behaviour, else a placeholder; at most 200 characters. */
    public static String title(String subject, Triage triage) {
        String title = blank(subject) ? triage.actual() : subject;
        if (blank(title)) {
            title = blank(triage.customerQuote()) ? "Untitled bug" : triage.customerQuote();
        }
        title = title.strip().replaceAll("\\s+", " ");
        return title.length() <= 200 ? title : title.substring(0, 199) + "…";
    }

    private static void add(StringJoiner text, String part) {
        if (!blank(part)) {
            text.add(part.strip());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
