package org.heshell.backup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Decodes a line of COPY text format: tab-separated columns, \N for NULL, backslash escapes. */
final class CopyText {
    private CopyText() {
    }

    /** Appends {@code value} in COPY text form: \N for NULL, backslash escapes for what would break a line. */
    static void encode(String value, StringBuilder out) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    static String[] decode(String line, int columns) {
        String[] out = new String[columns];
        int col = 0;
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == '\t') {
                if (col >= columns) {
                    throw new IllegalArgumentException("more than " + columns + " columns");
                }
                out[col++] = field(line, start, i);
                start = i + 1;
            } else if (line.charAt(i) == '\\') {
                i++; // an escaped character never separates columns
            }
        }
        if (col != columns) {
            throw new IllegalArgumentException(col + " columns where " + columns + " were declared");
        }
        return out;
    }

    private static String field(String line, int from, int to) {
        if (to - from == 2 && line.charAt(from) == '\\' && line.charAt(from + 1) == 'N') {
            return null;
        }
        if (line.indexOf('\\', from) < 0 || line.indexOf('\\', from) >= to) {
            return line.substring(from, to);
        }
        // Escapes may encode bytes (\303\251), so decode to bytes, then UTF-8.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c != '\\') {
                appendUtf8(bytes, line, i);
                if (Character.isHighSurrogate(c)) {
                    i++;
                }
                continue;
            }
            if (++i >= to) {
                throw new IllegalArgumentException("a backslash at the end of a field");
            }
            char e = line.charAt(i);
            switch (e) {
                case 'b' -> bytes.write('\b');
                case 'f' -> bytes.write('\f');
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case 'v' -> bytes.write(0x0b);
                case 'x' -> {
                    int v = 0;
                    int n = 0;
                    while (n < 2 && i + 1 < to && Character.digit(line.charAt(i + 1), 16) >= 0) {
                        v = v * 16 + Character.digit(line.charAt(++i), 16);
                        n++;
                    }
                    if (n == 0) {
                        bytes.write('x');
                    } else {
                        bytes.write(v);
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int n = 1;
                        while (n < 3 && i + 1 < to && line.charAt(i + 1) >= '0' && line.charAt(i + 1) <= '7') {
                            v = v * 8 + (line.charAt(++i) - '0');
                            n++;
                        }
                        bytes.write(v & 0xff);
                    } else {
                        appendUtf8(bytes, line, i);
                    }
                }
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void appendUtf8(ByteArrayOutputStream bytes, String s, int i) {
        int cp = s.codePointAt(i);
        bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
    }
}
