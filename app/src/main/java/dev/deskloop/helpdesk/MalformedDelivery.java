package dev.deskloop.helpdesk;

/** A correctly signed delivery whose body is not what the provider sends (bad JSON, missing fields). */
public class MalformedDelivery extends RuntimeException {

    public MalformedDelivery(String message) {
        super(message);
    }
}
