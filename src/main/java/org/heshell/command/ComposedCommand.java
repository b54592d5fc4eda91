package org.heshell.command;

import java.util.Arrays;
import java.util.concurrent.Callable;
import org.heshell.model.Environment;
import org.heshell.model.Host;

/**
 * The base of procedure commands written in Groovy ({@code commands/*.groovy}): they are declared with picocli like
 * any command and compose the shell's own commands through the same executor the REPL uses.
 */
public abstract class ComposedCommand implements Callable<Object> {
    private CommandContext ctx;
    private CommandExecutor shell;

    final void attach(CommandContext context, CommandExecutor executor) {
        this.ctx = context;
        this.shell = executor;
    }

    /** Runs a shell command, e.g. {@code run("host", "maintenance", "Host 1")}. */
    protected Result run(String... argv) {
        return shell.execute(Arrays.asList(argv));
    }

    protected Environment refresh() {
        return ctx.refresh();
    }

    protected Host findHost(Environment env, String identifier) {
        return ctx.host(env, identifier);
    }

    protected void step(String line) {
        ctx.progress().step(line);
    }

    protected CommandException fail(String message) {
        return new CommandException(message);
    }
}
