package org.heshell.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "exit", header = "Leave the shell.",
        aliases = "quit", description = "Leave the shell (Ctrl-D does too).")
public final class ExitCommand implements Callable<Result> {
    @Override
    public Result call() {
        return new Result.Exit();
    }
}
