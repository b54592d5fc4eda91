package org.heshell.command;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.heshell.engine.HostWait;
import org.heshell.model.Environment;
import org.heshell.model.Host;

/**
 * The base of procedure commands written in Groovy ({@code commands/*.groovy}): they are declared with picocli like
 * any command and compose the shell's own commands through the same executor the REPL uses.
 */
public abstract class ComposedCommand implements Callable<Object> {
    private CommandContext ctx;
    private CommandExecutor shell;
    /** What this command changed that it has not put back yet, newest first. */
    private final Deque<PutBack> putBacks = new ArrayDeque<>();

    /** A change: what it leaves ({@code left}, e.g. "Host 1 is in maintenance") and the command that undoes it. */
    private record PutBack(String left, List<String> argv) {
        String command() {
            return argv.stream().map(CommandLines::quote).collect(Collectors.joining(" "));
        }
    }

    final void attach(CommandContext context, CommandExecutor executor) {
        this.ctx = context;
        this.shell = executor;
    }

    /** Runs a shell command, e.g. {@code run("host", "maintenance", "Host 1")}. */
    protected Result run(String... argv) {
        return shell.execute(Arrays.asList(argv));
    }

    /**
     * Declares that this command has changed something: {@code left} says what, {@code argv} is the shell command
     * that puts it back (it must do no harm when there is nothing to put back, as {@code host activate} on an Up
     * host). Should this command then fail or be stopped with Ctrl-C, the shell runs it, newest change first, and
     * says so; when that fails too, it names what is left and the command.
     */
    protected void putBackOnFailure(String left, String... argv) {
        putBacks.push(new PutBack(left, List.of(argv)));
    }

    /** What was declared so far is put back already, or is meant to stay: nothing to undo on a later failure. */
    protected void keepChanges() {
        putBacks.clear();
    }

    /**
     * Called by the shell when this command ended in {@code failure}: runs the put-backs declared and returns the
     * failure with what was put back and what is left. A Ctrl-C that stopped the command does not stop this; the
     * exit code stays 130 for it.
     */
    final CommandException putBack(CommandException failure) {
        if (putBacks.isEmpty()) {
            return failure;
        }
        boolean interrupted = Thread.interrupted() || failure.exitCode() == 130
                || failure.getCause() instanceof HostWait.Interrupted;
        List<String> done = new ArrayList<>();
        List<String> left = new ArrayList<>();
        while (!putBacks.isEmpty()) {
            PutBack p = putBacks.pop();
            step("putting back what this command changed (" + p.left() + "): " + p.command());
            try {
                done.add("`" + p.command() + "`" + outcome(shell.execute(p.argv())));
            } catch (CommandException e) {
                Thread.interrupted(); // a second Ctrl-C stops only this put-back; the others are still tried
                left.add(p.left() + " (`" + p.command() + "` puts it back; just now: " + e.getMessage() + ")");
            }
        }
        String message = failure.getMessage() + (done.isEmpty() ? "" : "; put back: " + String.join(", ", done))
                + (left.isEmpty() ? "" : "; still left: " + String.join("; ", left));
        return new CommandException(message, interrupted ? 130 : failure.exitCode(), failure);
    }

    private static String outcome(Result r) {
        return r instanceof Result.HostChanged h ? " (" + h.host().name() + " is " + h.host().status().label() + ")"
                : "";
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
