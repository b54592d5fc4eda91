package org.heshell.backup;

/**
 * An archive or dump that cannot be read as an engine backup: truncated, corrupt, foreign or hostile. The message
 * names the entry and the byte offset where reading stopped, and what to do. Messages quote archive content, so
 * they are made one printable line here: a hostile archive cannot break the output or send terminal escapes.
 */
public final class BackupFormatException extends RuntimeException {
    private static final int MAX_LENGTH = 600;

    public BackupFormatException(String message) {
        super(printable(message));
    }

    public BackupFormatException(String message, Throwable cause) {
        super(printable(message), cause);
    }

    static String printable(String message) {
        if (message == null) {
            return "unreadable backup";
        }
        StringBuilder s = new StringBuilder(Math.min(message.length(), MAX_LENGTH + 16));
        for (int i = 0; i < message.length() && s.length() < MAX_LENGTH; i++) {
            char c = message.charAt(i);
            if (c == '\n') {
                s.append("\\n");
            } else if (c == '\t') {
                s.append("\\t");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                s.append(String.format("\\x%02x", (int) c));
            } else {
                s.append(c);
            }
        }
        if (s.length() >= MAX_LENGTH) {
            s.setLength(MAX_LENGTH);
            s.append('…');
        }
        return s.toString();
    }
}
