package org.heshell.shell;

import java.io.IOException;
import java.nio.file.Path;
import org.heshell.command.CommandContext;
import org.heshell.command.Commands;
import org.heshell.lab.LabFixture;
import org.heshell.script.GroovyCommands;
import org.heshell.script.Scripts;

/** The shell's command set, wired as ./shell wires it, on a fresh lab, with the project's commands/ and scripts/. */
final class ShellFixture implements AutoCloseable {
    final LabFixture lab;
    final Connections connections;
    final CommandContext ctx;
    final Commands commands;
    private final Path dir;

    ShellFixture(Path dir) throws IOException {
        this.dir = dir;
        lab = LabFixture.start(dir.resolve("lab"));
        connections = new Connections(lab.endpoint(), new PasswordSource(p -> null),
                new SshOptions(dir.resolve("known_hosts"), null, "root", false, null));
        ctx = new CommandContext(connections, connections::lab);
        commands = commands(ctx);
        ctx.refresh();
    }

    /** The command set on {@code context}: a second shell on the same lab, e.g. one that logs in on first need. */
    Commands commands(CommandContext context) {
        Commands set = new Commands(context);
        set.provide(org.heshell.backup.Catalog.class, new org.heshell.backup.Catalog(dir.resolve("backups")));
        Commands.builtins().forEach(set::add);
        GroovyCommands.install(set, new Scripts(Path.of("").toAbsolutePath(), dir.resolve("cache"),
                dir.resolve("user-scripts")));
        org.heshell.tutorial.Tutor.install(set, Path.of("lessons").toAbsolutePath(), dir.resolve("lab"));
        return set;
    }

    /** The known_hosts file heshell's SSH reads: a fresh lab's machines are trusted on first use. */
    Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** Runs {@code text} as a session on this shell's commands: what it printed, on stdout and stderr. */
    String[] run(boolean json, String text) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        new Session(commands, new Output(new java.io.PrintWriter(out), new java.io.PrintWriter(err), json, false,
                false, false, 200)).run(text);
        return new String[] {out.toString(), err.toString()};
    }

    /** A shell started as ./shell starts one: it logs in to the lab only when a command needs the Manager. */
    Commands lazy() {
        return commands(new CommandContext(connections, connections::lab));
    }

    @Override
    public void close() throws IOException {
        ctx.close();
        lab.close();
    }
}
