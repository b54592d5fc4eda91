package org.heshell.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heshell.backup.BackupArchive;
import org.heshell.backup.Catalog;
import org.heshell.backup.CatalogEntry;
import org.heshell.engine.EngineException;
import org.heshell.model.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "map", header = "Draw the hosts side by side with their VMs.",
        description = {"Draw the hosts side by side with their VMs; the engine VM is marked. With --before, the"
        + " backup's picture beside the one now and what changed since: the pictures of the procedure at any stage"
        + " of it (before the backup, after it, during and after a restore). While no Manager answers, the"
        + " backup's picture alone."},
        footer = {"%nExamples:", "  map", "  map --before engine.lab.example-20261125-101500"})
public final class MapCommand implements Callable<Result> {
    private final CommandContext ctx;
    private final Catalog catalog;

    @Option(names = "--before", paramLabel = "BACKUP", completionCandidates = BackupIds.class,
            description = "A catalog id or an archive file: its picture beside the one now.")
    String before;

    public MapCommand(CommandContext ctx, Catalog catalog) {
        this.ctx = ctx;
        this.catalog = catalog;
    }

    @Override
    public Result call() {
        if (before == null) {
            return new Result.MapView(ctx.refresh());
        }
        Path file = BackupCommand.resolve(catalog, before);
        Environment then = BackupArchive.inspect(file).environment();
        String label = catalog.find(before).map(MapCommand::label).orElse(file.getFileName().toString());
        Environment now;
        try {
            now = ctx.refresh();
        } catch (EngineException e) {
            if (!e.unreachable()) {
                throw e;
            }
            now = null; // the disaster, or a restore under way: the backup's picture still shows what to rebuild
        }
        return new Result.MapView(now, then, label);
    }

    private static String label(CatalogEntry e) {
        return e.id() + " (failover host " + (e.failoverHost() == null ? "none" : e.failoverHost()) + ")";
    }
}
