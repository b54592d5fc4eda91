package org.heshell.restore;

/**
 * One rule of the procedure checked against a backup and the hosts: whether it holds ({@code level}), what was
 * seen, what follows from it, and what to do. {@code rule} is a short stable name ("identifiers", "dns-host").
 */
public record Finding(String rule, Level level, String summary, String evidence, String consequence, String fix) {
    public enum Level {
        /** The rule holds. */
        OK,
        /** The restore can go on, but the user should know. */
        WARN,
        /** The restore must not start: it would fail or damage the environment. */
        BLOCK
    }

    static Finding ok(String rule, String summary, String evidence) {
        return new Finding(rule, Level.OK, summary, evidence, "", "");
    }
}
