package org.heshell.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits what the user typed into commands and words: {@code ;} and newlines separate commands, single or double
 * quotes keep spaces in a word ("Host 1"), a backslash escapes the next character outside single quotes, and a
 * backslash at the end of a line continues the command.
 */
public final class CommandLines {
    private CommandLines() {
    }

    public static List<List<String>> split(String text) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        int commandStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()
                        && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++; // a backslash at the end of a line continues the command on the next
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (c == ';' || c == '\n' || c == '\r') {
                commandStart = i + 1;
                if (inWord) {
                    words.add(word.toString());
                }
                word.setLength(0);
                inWord = false;
                if (!words.isEmpty()) {
                    commands.add(words);
                }
                words = new ArrayList<>();
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                }
                word.setLength(0);
                inWord = false;
            } else if (c == '#' && !inWord) {
                // a comment runs to the end of the line
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            // quote the command with the open quote, not the whole input around it
            int lineEnd = text.indexOf('\n', commandStart);
            String bad = text.substring(commandStart, lineEnd < 0 ? text.length() : lineEnd).strip();
            throw new CommandException("unclosed " + (quote == '"' ? "double" : "single") + " quote in: "
                    + bad + " (close it, e.g. \"Host 1\")", 2, null);
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (!words.isEmpty()) {
            commands.add(words);
        }
        return commands;
    }

    /** A word written so that {@link #split} gives it back whole: single-quoted unless it is plain. */
    public static String quote(String word) {
        return word.matches("[A-Za-z0-9_./:@=,+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
