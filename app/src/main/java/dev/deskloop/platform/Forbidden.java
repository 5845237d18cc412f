package dev.deskloop.platform;

/**
 * The caller may see the thing but not do this to it (for example a viewer changing roles); web code answers 403.
 */
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
