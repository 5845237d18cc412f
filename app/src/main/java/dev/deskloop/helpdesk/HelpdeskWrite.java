package dev.deskloop.helpdesk;

import java.util.Map;
import java.util.Objects;

/**
 * Something Deskloop writes into a ticket, in neutral form: an internal note or a public reply (HTML the provider
 * can show) or values for mapped custom fields (Zendesk field id or Intercom attribute name → value).
 */
public sealed interface HelpdeskWrite {

    /** A note only agents see. */
    record InternalNote(String html) implements HelpdeskWrite {
        public InternalNote {
            Objects.requireNonNull(html, "html");
        }
    }

    /** A reply the customer receives. */
    record PublicReply(String html) implements HelpdeskWrite {
        public PublicReply {
            Objects.requireNonNull(html, "html");
        }
    }

    /** Custom field (Zendesk) or conversation attribute (Intercom) values, by field id or attribute name. */
    record FieldUpdate(Map<String, String> values) implements HelpdeskWrite {
        public FieldUpdate {
            values = Map.copyOf(values);
        }
    }
}
