package dev.deskloop.platform;

/**
 * Thrown when something does not exist for the caller; web code answers 404. Things of another workspace
 * are reported with this exception too, so that their existence is not revealed.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
