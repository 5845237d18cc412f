package dev.deskloop.helpdesk;

/** The outcome of checking a delivery's signature on its raw bytes, before anything parses it. */
public sealed interface WebhookCheck {

    record Valid() implements WebhookCheck {
    }

    /** Why the delivery is refused; fit for the audit log (never contains the secret or the body). */
    record Invalid(String reason) implements WebhookCheck {
    }

    static WebhookCheck valid() {
        return new Valid();
    }

    static WebhookCheck invalid(String reason) {
        return new Invalid(reason);
    }
}
