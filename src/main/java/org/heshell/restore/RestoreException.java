package org.heshell.restore;

/** A restore step that cannot go on, with a message fit for the user: what, why, what to do. */
public class RestoreException extends RuntimeException {
    public RestoreException(String message) {
        super(message);
    }

    public RestoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
