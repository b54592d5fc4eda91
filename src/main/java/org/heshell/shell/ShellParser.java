package org.heshell.shell;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

/**
 * JLine's parser, with completion that quotes only what needs it: {@code Ho<TAB>} becomes {@code "Host } and then
 * {@code "Host 1"}, while plain names stay unquoted. An unclosed quote continues the input on the next line.
 */
final class ShellParser implements Parser {
    private final DefaultParser parser = new DefaultParser();

    ShellParser() {
        parser.setEofOnUnclosedQuote(true);
        parser.setEofOnEscapedNewLine(true);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        ParsedLine parsed = parser.parse(line, cursor, context);
        return parsed instanceof CompletingParsedLine c ? new QuotingLine(c) : parsed;
    }

    private record QuotingLine(CompletingParsedLine parsed) implements CompletingParsedLine {
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            String s = candidate.toString();
            char open = openingQuote();
            if (open != 0) {
                return open + s.replace(String.valueOf(open), "\\" + open) + (complete ? String.valueOf(open) : "");
            }
            if (s.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\' || c == ';'
                    || c == '#')) {
                return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + (complete ? "\"" : "");
            }
            return s;
        }

        /** The quote the word being completed starts with, or 0. */
        private char openingQuote() {
            int start = parsed.cursor() - parsed.rawWordCursor();
            if (start >= 0 && start < parsed.line().length()) {
                char c = parsed.line().charAt(start);
                if (c == '"' || c == '\'') {
                    return c;
                }
            }
            return 0;
        }

        @Override
        public int rawWordCursor() {
            return parsed.rawWordCursor();
        }

        @Override
        public int rawWordLength() {
            return parsed.rawWordLength();
        }

        @Override
        public String word() {
            return parsed.word();
        }

        @Override
        public int wordCursor() {
            return parsed.wordCursor();
        }

        @Override
        public int wordIndex() {
            return parsed.wordIndex();
        }

        @Override
        public List<String> words() {
            return parsed.words();
        }

        @Override
        public String line() {
            return parsed.line();
        }

        @Override
        public int cursor() {
            return parsed.cursor();
        }
    }
}
