package org.heshell.command;

import java.util.concurrent.Callable;
import org.heshell.model.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "ha", header = "The hosted-engine HA state: scores, local and global maintenance.",
        description = {"The hosted-engine high-availability state as the Manager reports it: each hosted-engine "
        + "host's HA score, whether its agent is active and in local maintenance, where the engine VM runs, and "
        + "whether the cluster is in global maintenance (the HA agents then neither start nor stop the engine VM)."},
        subcommands = {HaCommand.Status.class, HaCommand.GlobalMaintenance.class},
        footer = {"%nExamples:", "  ha status", "  ha global-maintenance on", "  ha global-maintenance off"})
public final class HaCommand {
    @Command(name = "status", header = "Show each hosted-engine host's HA score and maintenance.",
            description = "Show each hosted-engine host's HA score, agent and maintenance state, and global"
                    + " maintenance.", footer = {"%nExample:", "  ha status"})
    public static final class Status implements Callable<Result> {
        private final CommandContext ctx;

        public Status(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            return new Result.HaView(ctx.refresh(), null);
        }
    }

    @Command(name = "global-maintenance", header = "Turn global maintenance on or off.",
            description = {"Turn the cluster's global maintenance on or off, through the engine VM's maintenance"
        + " action as the Administration Portal does (the same as `hosted-engine --set-maintenance --mode=global`"
        + " or `--mode=none` on a host). On: the HA agents leave the engine VM alone, for work on the engine"
        + " itself. Off: they watch and restart it again."},
            footer = {"%nExamples:", "  ha global-maintenance on", "  ha global-maintenance off"})
    public static final class GlobalMaintenance implements Callable<Result> {
        private final CommandContext ctx;

        @Parameters(index = "0", paramLabel = "on|off", completionCandidates = OnOff.class,
                description = "on or off.")
        String state;

        public GlobalMaintenance(CommandContext ctx) {
            this.ctx = ctx;
        }

        static final class OnOff implements Iterable<String> {
            @Override
            public java.util.Iterator<String> iterator() {
                return java.util.List.of("on", "off").iterator();
            }
        }

        @Override
        public Result call() {
            if (!state.equals("on") && !state.equals("off")) {
                throw new CommandException("global-maintenance takes on or off, not '" + state + "'", 2, null);
            }
            Environment env = ctx.refresh();
            var engineVm = env.engineVm().orElseThrow(() -> new CommandException("the Manager knows no engine VM;"
                    + " global maintenance is set through it (is this a self-hosted engine?)"));
            ctx.engine().setGlobalMaintenance(engineVm.id(), state.equals("on"));
            return new Result.HaView(ctx.refresh(), "global maintenance " + state);
        }
    }
}
