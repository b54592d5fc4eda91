package org.heshell.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.heshell.command.CommandContext;
import org.heshell.command.CommandException;
import org.heshell.command.Commands;
import org.heshell.engine.EngineException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.jni.JniTerminalProvider;
import org.jline.terminal.spi.SystemStream;

/** The interactive shell on the system terminal, created once. */
final class Interactive {
    static final String MANAGER_DOWN = ". The shell runs without it: backup, restore, lab and help work;"
            + " a command that needs the Manager logs in again.";

    private Interactive() {
    }

    static boolean stdinIsTerminal() {
        try {
            return new JniTerminalProvider().isSystemStream(SystemStream.Input);
        } catch (RuntimeException | LinkageError e) {
            return System.console() != null;
        }
    }

    static int run(Commands commands, boolean json, boolean debug, boolean colourWanted, String label,
                   Path historyFile) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("heshell").build()) {
            return run(commands, terminal, json, debug, colourWanted, label, historyFile);
        }
    }

    /** History is the user's own business: created 0600 before JLine first writes it. */
    private static void privateFile(Path file) {
        if (file == null || Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            // JLine reports a history it cannot write; nothing to add here
        }
    }

    /** The REPL on any terminal; tests pass one built on byte streams. */
    static int run(Commands commands, Terminal terminal, boolean json, boolean debug, boolean colourWanted,
                   String label, Path historyFile) {
        boolean dumb = Terminal.TYPE_DUMB.equals(terminal.getType())
                || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        Output output = new Output(terminal.writer(), terminal.writer(), json, debug, colourWanted && !dumb,
                colourWanted && !dumb, terminal.getWidth() > 0 ? terminal.getWidth() : Console.DEFAULT_WIDTH);
        StreamProgress progress = new StreamProgress(terminal.writer(), !dumb);
        commands.context().setProgress(progress);
        output.clearing(progress);
        privateFile(historyFile);
        Session session = new Session(commands, output);
        terminal.writer().println("heshell on " + label + " — `help` lists commands, TAB completes, Ctrl-D leaves.");
        // Completion reads the model in memory: read it once now so the first TAB has names.
        try {
            commands.context().refresh();
        } catch (CommandException | EngineException e) {
            output.error(new CommandException(e.getMessage() + MANAGER_DOWN, 1, e));
        }
        CommandContext ctx = commands.context();
        Repl repl = new Repl(session, terminal, historyFile,
                () -> "heshell " + ctx.label(label) + (ctx.connected() ? "" : ", Manager not reachable") + "> ",
                progress);
        return repl.run(Repl.reader(terminal, new ShellCompleter(commands), historyFile));
    }
}
