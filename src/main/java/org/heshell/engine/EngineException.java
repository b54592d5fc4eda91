package org.heshell.engine;

/** A failure talking to the Manager, with a message fit for the user: what failed, why, what to do. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
