package org.heshell.backup;

/**
 * An archive or dump that cannot be read as an engine backup: truncated, corrupt, foreign or hostile. The message
 * names the entry and the byte offset where reading stopped, and what to do.
 */
public final class BackupFormatException extends RuntimeException {
    public BackupFormatException(String message) {
        super(message);
    }

    public BackupFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
