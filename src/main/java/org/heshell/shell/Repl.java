package org.heshell.shell;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/** The interactive loop: read a line with completion and history, run it, print; Ctrl-C stops the running command. */
final class Repl {
    private final Session session;
    private final Terminal terminal;
    private final Path historyFile;
    /** Asked before each line: it says whether the Manager answers. */
    private final Supplier<String> prompt;
    private final StreamProgress progress;

    Repl(Session session, Terminal terminal, Path historyFile, Supplier<String> prompt,
         StreamProgress progress) {
        this.session = session;
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.prompt = prompt;
        this.progress = progress;
    }

    static LineReader reader(Terminal terminal, ShellCompleter completer, Path historyFile) {
        LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).appName("heshell")
                .completer(completer).parser(new ShellParser()).history(new ShellHistory())
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P > ")
                .variable(LineReader.HISTORY_SIZE, 2000)
                .option(LineReader.Option.AUTO_FRESH_LINE, true)
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (historyFile != null) {
            b.variable(LineReader.HISTORY_FILE, historyFile);
        }
        return b.build();
    }

    /** Runs until `exit` or end of input; returns the exit code of the last command. */
    int run(LineReader reader) {
        int last = 0;
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt.get());
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            int width = terminal.getWidth() > 0 ? terminal.getWidth() : Console.DEFAULT_WIDTH;
            session.output().width(width);
            session.commands().usageWidth(width);
            Thread me = Thread.currentThread();
            Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> me.interrupt());
            try {
                last = session.run(line);
            } finally {
                terminal.handle(Terminal.Signal.INT, previous);
                progress.clear();
                Thread.interrupted();
            }
            if (last == -1) {
                last = 0;
                break;
            }
        }
        try {
            reader.getHistory().save();
        } catch (java.io.IOException e) {
            terminal.writer().println("heshell: cannot save history to " + historyFile + ": " + e.getMessage());
        }
        return last;
    }
}
