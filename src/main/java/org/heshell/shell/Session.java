package org.heshell.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import org.heshell.command.CommandException;
import org.heshell.command.CommandLines;
import org.heshell.command.Commands;
import org.heshell.command.Result;

/** Runs lines of commands against the command set and prints what they return; stops at the first failure. */
final class Session {
    /** Exit code when the user stopped a command with Ctrl-C, as shells do. */
    static final int INTERRUPTED = 130;

    private final Commands commands;
    private final Output output;

    Session(Commands commands, Output output) {
        this.commands = commands;
        this.output = output;
    }

    Commands commands() {
        return commands;
    }

    Output output() {
        return output;
    }

    /** Runs every command of {@code text}; returns 0, the first failure's exit code, or -1 after `exit`. */
    int run(String text) {
        List<List<String>> lines;
        try {
            lines = CommandLines.split(text);
        } catch (CommandException e) {
            output.error(e);
            return e.exitCode();
        }
        for (List<String> argv : lines) {
            int code = run(argv);
            if (code != 0) {
                return code;
            }
        }
        return 0;
    }

    /**
     * Runs commands as they arrive, a line at a time (a line ending in a backslash goes on with the next): piped
     * input runs as typed input would, stops at the first failure, and a bad line spoils only itself.
     */
    int run(BufferedReader in) throws IOException {
        StringBuilder command = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            command.append(line).append('\n');
            if (continues(line)) {
                continue;
            }
            int code = run(command.toString());
            command.setLength(0);
            if (code != 0) {
                return code;
            }
        }
        return command.length() == 0 ? 0 : run(command.toString());
    }

    /** An odd number of backslashes at the end: the last one escapes the line break. */
    private static boolean continues(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** What the command set's observers (the tutorial) say after a command, shown as text after its output. */
    private void say(List<String> said) {
        if (!said.isEmpty()) {
            output.print(new Result.Text(String.join("\n", said)), false);
        }
    }

    /** Runs one command given as words; 0, its failure's exit code, or -1 after `exit`. */
    int run(List<String> argv) {
        try {
            Commands.Outcome outcome = commands.run(argv);
            Result r = outcome.result();
            if (r instanceof Result.Exit) {
                return -1;
            }
            output.print(r, outcome.json());
            say(commands.observed(r));
            return r.exitCode();
        } catch (CommandException e) {
            output.error(e);
            say(commands.observed(null));
            return Thread.interrupted() || e.getCause() instanceof org.heshell.engine.HostWait.Interrupted
                    ? INTERRUPTED : e.exitCode();
        }
    }
}
