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
    final CommandContext ctx;
    final Commands commands;

    ShellFixture(Path dir) throws IOException {
        lab = LabFixture.start(dir.resolve("lab"));
        Connections connections = new Connections(lab.endpoint(), new PasswordSource(p -> null),
                new SshOptions(dir.resolve("known_hosts"), null, "root", false, null));
        ctx = new CommandContext(connections, connections::lab);
        commands = new Commands(ctx);
        commands.provide(org.heshell.backup.Catalog.class, new org.heshell.backup.Catalog(dir.resolve("backups")));
        Commands.builtins().forEach(commands::add);
        GroovyCommands.install(commands, new Scripts(Path.of("").toAbsolutePath(), dir.resolve("cache")));
        org.heshell.tutorial.Tutor.install(commands, Path.of("lessons").toAbsolutePath(), dir.resolve("lab"));
        ctx.refresh();
    }

    @Override
    public void close() throws IOException {
        ctx.close();
        lab.close();
    }
}
