package dev.deskloop.triage.text;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A ticket reduced to what the rules and the classifier read.
 *
 * @param subject the subject without "Re:"/"Fwd:" prefixes, empty when absent
 * @param customerMessages the customer's messages, in order, non-empty ones only
 * @param agentMessages the agents' messages (public replies and internal notes), kept apart
 * @param customerText all analysed customer text, messages separated by blank lines
 * @param readableText the customer text, or the agents' public text when the customer wrote nothing
 * @param quality how much subject and readable text look like prose
 */
public record NormalizedTicket(String subject, List<MessageText> customerMessages, List<MessageText> agentMessages,
                               String customerText, String readableText, TextQuality quality) {

    /** Characters of the body the classifier reads: the beginning is all it needs. */
    public static final int CLASSIFICATION_CHARS = 4000;

    /** Whether there is any customer text at all. */
    public boolean hasCustomerText() {
        return !customerText.isBlank();
    }

    private static final Pattern GREETING = Pattern.compile(
            "^(?:hi|hello|hey|dear|good\\s+(?:morning|afternoon|evening|day)|hallo|bonjour|hola|greetings|guten\\s+tag|"
                    + "moin|ciao|olá|ola)\\b[^\\n]{0,60}\\n+",
            Pattern.CASE_INSENSITIVE);

    /** The beginning of the readable text without the greeting line, for classification. */
    public String classificationBody() {
        String body = GREETING.matcher(readableText).replaceFirst("");
        return body.length() > CLASSIFICATION_CHARS ? body.substring(0, CLASSIFICATION_CHARS) : body;
    }

    /** Subject and readable text, for rules that read everything. */
    public String fullText() {
        return subject.isEmpty() ? readableText : subject + "\n" + readableText;
    }
}
