package org.heshell.shell;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.fusesource.jansi.AnsiConsole;
import org.fusesource.jansi.AnsiMode;
import org.fusesource.jansi.AnsiPrintStream;
import org.fusesource.jansi.AnsiType;

/**
 * Standard output and error outside the REPL, through jansi: colour on each stream only when that stream is a
 * terminal (not when standard input is), none with --no-color, NO_COLOR or TERM=dumb; escapes stripped from a
 * stream that is not a terminal; the terminal's width for tables and help.
 */
record Console(PrintWriter out, PrintWriter err, boolean colourOut, boolean colourErr, boolean errIsTerminal,
               int width) {
    static final int DEFAULT_WIDTH = 100;

    static Console system(boolean noColourOption) {
        boolean colourWanted = colourWanted(noColourOption) && !"dumb".equals(System.getenv("TERM"));
        AnsiPrintStream out = AnsiConsole.out();
        AnsiPrintStream err = AnsiConsole.err();
        if (!colourWanted) {
            out.setMode(AnsiMode.Strip);
            err.setMode(AnsiMode.Strip);
        }
        int width = out.getTerminalWidth();
        return new Console(new PrintWriter(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true, StandardCharsets.UTF_8), colourWanted && terminal(out),
                colourWanted && terminal(err), terminal(err), width > 0 ? width : DEFAULT_WIDTH);
    }

    /** --no-color or NO_COLOR (set and not empty, as no-color.org says) turn colour off. */
    static boolean colourWanted(boolean noColourOption) {
        String noColour = System.getenv("NO_COLOR");
        return !noColourOption && (noColour == null || noColour.isEmpty());
    }

    private static boolean terminal(AnsiPrintStream s) {
        return s.getType() != AnsiType.Redirected && s.getType() != AnsiType.Unsupported;
    }
}
