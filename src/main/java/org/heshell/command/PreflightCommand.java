package org.heshell.command;

import java.util.concurrent.Callable;
import org.heshell.backup.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "preflight", header = "Check a restore against the procedure without saving a plan.",
        description = {"Run a restore plan's checks alone: the procedure's rules against",
    "the backup, the deploying host, DNS and the Manager. Exits 1 when one",
    "blocks. Saves nothing."},
        footer = {"%nExamples:", "  preflight ID --deploy-on \"Host 1\"",
            "  preflight ID --deploy-on host4.lab.example"})
public final class PreflightCommand implements Callable<Result> {
    private final CommandContext ctx;
    private final Catalog catalog;

    @Mixin
    RestoreCommand.Target target = new RestoreCommand.Target();

    public PreflightCommand(CommandContext ctx, Catalog catalog) {
        this.ctx = ctx;
        this.catalog = catalog;
    }

    @Override
    public Result call() {
        target.storage(); // bad input is refused before anything is asked
        return new Result.RestorePlanned(RestoreProbe.plan(ctx, catalog, target), null, true, false);
    }
}
