package dev.deskloop.helpdesk;

import java.time.Instant;
import java.util.function.Function;

/** Checks and reads inbound webhook deliveries of one provider. */
public interface ProviderEvents {

    /**
     * Checks the signature over the raw bytes. {@code connectionSecret} is the connection's webhook signing secret
     * (Zendesk); providers that sign with the app's client secret (Intercom) use their own.
     */
    WebhookCheck verify(byte[] body, Function<String, String> header, String connectionSecret, Instant now);

    /** Reads a verified delivery; throws {@link MalformedDelivery} when it is not a payload this provider sends. */
    InboundDelivery read(byte[] body, Function<String, String> header);

    /**
     * What a stored, already verified delivery means, without its headers (they are not stored): what a job needs
     * to process it. Throws {@link MalformedDelivery} like {@link #read}.
     */
    HelpdeskEvent event(byte[] body);
}
