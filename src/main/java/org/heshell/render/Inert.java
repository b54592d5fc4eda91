package org.heshell.render;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * Text from outside heshell (names read from a backup or the Manager, what the user typed) made safe to print:
 * control characters, terminal escapes and bidirectional overrides shown as escapes, so such text can neither
 * drive the terminal nor fake a line of output; and words too long to read cut in the middle.
 */
public final class Inert {
    /** Words longer than this are cut: a path or a name is rarely longer, a pasted file always is. */
    static final int LONG_WORD = 160;
    private static final int KEEP_HEAD = 100;
    private static final int KEEP_TAIL = 30;

    private Inert() {
    }

    /** One line: every control character escaped, newlines as \n. */
    public static String line(String s) {
        return escape(s, false);
    }

    /** Output of many lines: control characters escaped, but its own line breaks kept; styles kept. */
    static AttributedString lines(AttributedString s) {
        AttributedStringBuilder out = new AttributedStringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || !control(c)) {
                out.style(s.styleAt(i)).append(c);
            } else {
                out.styled(s.styleAt(i), escape(c));
            }
        }
        return out.toAttributedString();
    }

    /** A message with each word longer than {@link #LONG_WORD} cut to its start, "…", its end and its length. */
    public static String cut(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int end = i;
            while (end < s.length() && s.charAt(end) != ' ') {
                end++;
            }
            int length = end - i;
            if (length > LONG_WORD) {
                out.append(s, i, i + KEEP_HEAD).append("…(").append(length).append(" characters)…")
                        .append(s, end - KEEP_TAIL, end);
            } else {
                out.append(s, i, end);
            }
            if (end < s.length()) {
                out.append(' ');
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static String escape(String s, boolean keepNewlines) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = !control(c) || (keepNewlines && c == '\n');
            if (!plain && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                out.append(plain ? String.valueOf(c) : escape(c));
            }
        }
        return out == null ? s : out.toString();
    }

    private static boolean control(char c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e'
                || c == '\u200f' || c == '\u061c';
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
        };
    }
}
