package org.heshell.command;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.heshell.backup.Catalog;
import org.heshell.backup.RetentionPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prune", header = "Remove the backups a keep-policy does not keep.", description = {
    "Remove the catalog's backups that a keep-policy does not keep, listing each backup with the rule that keeps "
        + "it or the reason it goes.",
    "The rules are restic's: --keep-last N keeps the N newest; --keep-daily, --keep-weekly and --keep-monthly keep "
        + "the newest backup of each of the N most recent days, ISO weeks or months that have one (days in local "
        + "time). The newest verified backup and the newest backup taken with a failover host are always kept.",
    "A removed backup's archive is deleted, wherever it was kept, and then its record."},
        footer = {"%nExamples:", "  backup prune --keep-daily 7 --keep-weekly 4 --keep-monthly 6 --dry-run",
            "  backup prune --keep-last 10"})
public final class BackupPrune implements Callable<Result> {
    private final Catalog catalog;

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest backups.")
    int last;

    @Option(names = "--keep-daily", paramLabel = "N", description = "Keep the newest backup of each of N days.")
    int daily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "Keep the newest backup of each of N weeks.")
    int weekly;

    @Option(names = "--keep-monthly", paramLabel = "N",
            description = "Keep the newest backup of each of N months.")
    int monthly;

    @Option(names = "--dry-run", description = "Show what would be kept and removed; remove nothing.")
    boolean dryRun;

    public BackupPrune(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Result call() {
        if (last < 0 || daily < 0 || weekly < 0 || monthly < 0) {
            throw new CommandException("keep counts cannot be negative", 2, null);
        }
        RetentionPolicy policy = new RetentionPolicy(last, daily, weekly, monthly);
        if (policy.keepsNothing()) {
            throw new CommandException("this policy keeps no backup: give at least one of --keep-last, --keep-daily,"
                    + " --keep-weekly, --keep-monthly (add --dry-run to see what it keeps)", 2, null);
        }
        List<RetentionPolicy.Verdict> verdicts = policy.apply(catalog.list(), ZoneId.systemDefault());
        List<String> removed = new ArrayList<>();
        if (!dryRun) {
            for (RetentionPolicy.Verdict v : verdicts) {
                if (v.kept()) {
                    continue;
                }
                try {
                    catalog.remove(v.entry());
                    removed.add(v.entry().id());
                } catch (IOException e) {
                    throw new CommandException("cannot remove backup " + v.entry().id() + " (" + e.getMessage()
                            + ")" + (removed.isEmpty() ? "; nothing was removed"
                            : "; removed before it: " + String.join(", ", removed))
                            + "; fix the permissions and prune again");
                }
            }
        }
        return new Result.BackupPruned(verdicts, dryRun);
    }
}
