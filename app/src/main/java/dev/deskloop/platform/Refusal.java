package dev.deskloop.platform;

/**
 * A business rule said no (for example: removing the last owner). Carries a message fit to show the user;
 * web code answers 409 in the API and shows the message on pages.
 */
public class Refusal extends RuntimeException {

    public Refusal(String message) {
        super(message);
    }
}
