package org.heshell.engine;

/** A failure talking to the Manager, with a message fit for the user: what failed, why, what to do. */
public class EngineException extends RuntimeException {
    private final boolean unreachable;

    public EngineException(String message) {
        this(message, null, false);
    }

    public EngineException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public EngineException(String message, Throwable cause, boolean unreachable) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    /**
     * True when no Manager answered at all (connection refused, timeout, HTTP 502–504 from the proxy): the engine
     * is down, as opposed to answering and refusing.
     */
    public boolean unreachable() {
        return unreachable;
    }
}
