package org.heshell.script;

import java.util.List;
import org.heshell.command.Result;
import org.heshell.command.CommandExecutor;

/** {@code shell.run('host maintenance "Host 1"')}: a command line as typed at the prompt. */
public final class ShellLine {
    private final CommandExecutor executor;

    ShellLine(CommandExecutor executor) {
        this.executor = executor;
    }

    /** Runs one command line (words quoted as at the prompt) and returns its result. */
    public Result run(String line) {
        List<List<String>> commands = org.heshell.command.CommandLines.split(line);
        Result last = new Result.Text("");
        for (List<String> argv : commands) {
            last = executor.execute(argv);
        }
        return last;
    }
}
