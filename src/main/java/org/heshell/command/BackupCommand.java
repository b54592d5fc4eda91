package org.heshell.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heshell.backup.BackupArchive;
import org.heshell.model.EnvironmentDiff;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup", description = "Look into engine-backup archives: inspect, diff.",
        subcommands = {BackupCommand.Inspect.class, BackupCommand.Diff.class},
        footer = {"%nExamples:", "  backup inspect engine-backup.tar.gz --map", "  backup diff engine-backup.tar.gz live"})
public final class BackupCommand {

    @Command(name = "inspect", description = {
        "Show the environment as it was at backup time: hosts, VMs, the engine VM, the failover host.",
        "Reads any engine-backup archive (gzip, bzip2, xz or none; custom or plain dump) in one pass, checks",
        "every entry against the archive's own sha256sum (md5sum before 4.3), and extracts nothing."},
            footer = {"%nExamples:", "  backup inspect /backups/engine-2026-11-25.tar.gz",
                "  backup inspect engine.tar.gz --map", "  ./shell --json -c \"backup inspect engine.tar.gz\""})
    public static final class Inspect implements Callable<Result> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The engine-backup archive.")
        Path file;

        @ArgGroup
        View view = new View();

        static final class View {
            @Option(names = "--map", description = "Draw the hosts with their VMs at backup time.")
            boolean map;

            @Option(names = "--vms", description = "List the VMs at backup time.")
            boolean vms;
        }

        @Override
        public Result call() {
            String shown = view != null && view.map ? "map" : view != null && view.vms ? "vms" : "hosts";
            return new Result.BackupInspected(BackupArchive.inspect(file), shown);
        }
    }

    @Command(name = "diff", description = {
        "Compare a backup with another backup, or with the live environment (`live`): hosts added, removed or",
        "with changed name, FQDN, IP, unique id or status; VMs added, removed or moved; the engine VM's host."},
            footer = {"%nExamples:", "  backup diff monday.tar.gz tuesday.tar.gz", "  backup diff monday.tar.gz live"})
    public static final class Diff implements Callable<Result> {
        private final CommandContext ctx;

        @Parameters(index = "0", paramLabel = "A", description = "A backup file.")
        Path from;

        @Parameters(index = "1", paramLabel = "B|live", description = "Another backup file, or `live`.")
        Path to;

        public Diff(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            var a = BackupArchive.inspect(from).environment();
            boolean live = to.toString().equals("live");
            var b = live ? ctx.refresh() : BackupArchive.inspect(to).environment();
            return new Result.Diff(from.getFileName().toString(), live ? "live" : to.getFileName().toString(),
                    EnvironmentDiff.between(a, b));
        }
    }
}
