package org.heshell.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "map", header = "Draw the hosts side by side with their VMs.",
        description = "Draw the hosts side by side with their VMs; the engine VM is marked.",
        footer = {"%nExample:", "  map"})
public final class MapCommand implements Callable<Result> {
    private final CommandContext ctx;

    public MapCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Result call() {
        return new Result.MapView(ctx.refresh());
    }
}
