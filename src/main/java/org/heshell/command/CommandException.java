package org.heshell.command;

/** A command failed in a way the user can act on; the message is the one line they see. */
public class CommandException extends RuntimeException {
    private final int exitCode;

    public CommandException(String message) {
        this(message, 1, null);
    }

    public CommandException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
