package dev.deskloop.triage.text;

import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.TicketMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Normalises a {@link TicketDocument}: HTML to text, quoted replies and signatures stripped, instructions to the
 * triage system removed, customer messages kept apart from agent and bot messages. Stateless and thread-safe.
 */
public final class TicketNormalizer {

    // Extraction reads all customer text; this only protects the engine from absurd inputs (a 50 MB paste).
    private static final int MAX_MESSAGE_CHARS = 1_000_000;
    private static final Pattern SUBJECT_PREFIX = Pattern.compile("^(?:\\s*(?:re|fwd?|aw|wg|tr)\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uFFFE\\uFFFF]");
    private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[ \\t\\u00A0\\u2000-\\u200B\\u3000]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n\\s*\\n+");

    private TicketNormalizer() {
    }

    public static NormalizedTicket normalize(TicketDocument document) {
        List<MessageText> customer = new ArrayList<>();
        List<MessageText> agents = new ArrayList<>();
        for (TicketMessage message : document.messages()) {
            if (message.author() == TicketMessage.Author.BOT) {
                continue;
            }
            String text = messageText(message.body());
            if (text.isBlank()) {
                continue;
            }
            var normalized = new MessageText(message.author(), message.isPublic(), text,
                    InstructionFilter.remove(text));
            (message.author() == TicketMessage.Author.CUSTOMER ? customer : agents).add(normalized);
        }
        String subject = subject(document.subject());
        String customerText = join(customer);
        String readable = customerText.isBlank() ? join(agents.stream().filter(MessageText::isPublic).toList())
                : customerText;
        String head = readable.length() > NormalizedTicket.CLASSIFICATION_CHARS
                ? readable.substring(0, NormalizedTicket.CLASSIFICATION_CHARS) : readable;
        return new NormalizedTicket(subject, List.copyOf(customer), List.copyOf(agents), customerText, readable,
                TextQuality.of(subject + "\n" + head));
    }

    /** The plain text of one message body. */
    public static String messageText(String body) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        String text = body.length() > MAX_MESSAGE_CHARS ? body.substring(0, MAX_MESSAGE_CHARS) : body;
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        text = HtmlText.toText(text);
        text = CONTROL.matcher(text).replaceAll(" ");
        text = QuotedReplies.strip(text);
        text = Signatures.strip(text);
        text = HORIZONTAL_SPACE.matcher(text).replaceAll(" ");
        text = BLANK_LINES.matcher(text).replaceAll("\n\n");
        return text.lines().map(String::strip).collect(Collectors.joining("\n")).strip();
    }

    static String subject(String subject) {
        if (subject == null) {
            return "";
        }
        String text = InstructionFilter.remove(HtmlText.toText(subject));
        return SUBJECT_PREFIX.matcher(text).replaceFirst("").strip();
    }

    private static String join(List<MessageText> messages) {
        var out = new StringBuilder();
        for (MessageText message : messages) {
            if (message.analysed().isBlank()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append("\n\n");
            }
            out.append(message.analysed());
        }
        return out.toString();
    }
}
