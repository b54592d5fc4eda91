package org.heshell.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
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
        return system(noColourOption, null);
    }

    /**
     * {@code nativeCache}: where jansi's native library is kept once extracted (null: jansi extracts it to a
     * temporary file on every start, which costs a one-shot run about 20 ms).
     */
    static Console system(boolean noColourOption, Path nativeCache) {
        if (nativeCache != null && System.getProperty(JANSI_PATH) == null) {
            keepNativeLibrary(nativeCache);
        }
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

    private static final String JANSI_PATH = "library.jansi.path";

    /**
     * Extracts jansi's native library for this OS and architecture once into {@code dir} (by jansi's version, in a
     * private directory) and points jansi at it; on any trouble jansi finds its library as it always does.
     */
    private static void keepNativeLibrary(Path dir) {
        String folder = org.fusesource.jansi.internal.OSInfo.getNativeLibFolderPathForCurrentOS();
        String name = System.mapLibraryName("jansi");
        try (InputStream version = AnsiConsole.class.getResourceAsStream("jansi.properties")) {
            Properties p = new Properties();
            if (version == null) {
                return;
            }
            p.load(version);
            Path kept = dir.resolve(p.getProperty("version", "unknown")).resolve(folder);
            Path lib = kept.resolve(name);
            if (!Files.isRegularFile(lib)) {
                try (InputStream in = AnsiConsole.class.getResourceAsStream("internal/native/" + folder + "/"
                        + name)) {
                    if (in == null) {
                        return;
                    }
                    Files.createDirectories(kept, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                    Path tmp = Files.createTempFile(kept, "." + name, ".tmp");
                    try {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            }
            System.setProperty(JANSI_PATH, kept.toString());
        } catch (IOException | RuntimeException e) {
            // jansi extracts its library itself
        }
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
