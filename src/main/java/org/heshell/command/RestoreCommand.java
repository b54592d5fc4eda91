package org.heshell.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.heshell.backup.Catalog;
import org.heshell.engine.EngineException;
import org.heshell.engine.EngineSession;
import org.heshell.engine.Progress;
import org.heshell.model.Environment;
import org.heshell.remote.SshSession;
import org.heshell.restore.RestoreException;
import org.heshell.restore.RestoreJournal;
import org.heshell.restore.RestorePlan;
import org.heshell.restore.RestoreRunner;
import org.heshell.restore.RestoreWorld;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore", header = "Restore the engine from a backup: plan, run, status, list.",
        description = "Restore the engine from a backup: plan, run (resumable), status, list.",
        subcommands = {RestoreCommand.Plan.class, RestoreCommand.Run.class, RestoreCommand.Status.class,
            RestoreCommand.ListRestores.class},
        footer = {"%nExamples:", "  restore plan ID --deploy-on \"Host 1\"", "  restore plan ID --deploy-on"
            + " host4.lab.example", "  restore plan ID --deploy-on \"Host 1\" --storage 192.0.2.5:/exports/he_new",
            "  restore run restore-20261125-101500", "  restore status", "  restore list",
            "  restore-she ID --deploy-on \"Host 1\"   (plan and run in one)"})
public final class RestoreCommand {
    /** The backup and the deploying host, as plan and preflight take them. */
    static final class Target {
        @Parameters(index = "0", paramLabel = "BACKUP", completionCandidates = BackupIds.class,
                description = "A catalog id (`backup list`) or an archive file.")
        String backup;

        @Option(names = "--deploy-on", required = true, paramLabel = "HOST",
                completionCandidates = DeployHostNames.class,
                description = "The host to deploy the restored engine: a host of the backup (name, FQDN or IP) or a"
                        + " new host's FQDN.")
        String deployOn;

        @picocli.CommandLine.Mixin
        KeyOptions.Decrypt decrypt = new KeyOptions.Decrypt();

        @Option(names = "--engine-fqdn", paramLabel = "FQDN",
                description = "The new Manager's FQDN (default: the backup's ENGINE_FQDN, as the procedure requires).")
        String engineFqdn;

        @Option(names = "--storage", paramLabel = "SERVER:/EXPORT",
                description = "New, empty NFS storage for the new engine VM, when hosted_storage is lost (rule"
                        + " storage); the restored Manager keeps the old domain as hosted_storage_old_*.")
        String storage;

        /** --storage as given, checked to be an NFS export SERVER:/PATH; null when not given. */
        String storage() {
            if (storage != null && !storage.matches("[A-Za-z0-9.\\[\\]:-]+:/\\S*")) {
                throw new CommandException("--storage " + storage + ": not an NFS export; give it as SERVER:/PATH,"
                        + " e.g. --storage 192.0.2.5:/exports/he_new", 2, null);
            }
            return storage;
        }
    }

    /** Where the restores' journals are kept: beside the catalog's backups. */
    public static Path journals(Catalog catalog) {
        return catalog.dir().resolveSibling("restore");
    }

    @Command(name = "plan", header = "Check a restore against the procedure and save its steps.", description = {
        "Check a restore against the procedure's rules and lay out its steps:",
        "the deploying host's identifiers against the backup's hosts (failover",
        "host or new host), OS versions, the engine FQDN, forward and reverse",
        "DNS, a verified backup of the appliance's version, space, and no",
        "Manager running. A clear plan is saved; `restore run ID` carries it",
        "out. A blocked plan exits 1 and says what to fix."},
            footer = {"%nExamples:", "  restore plan engine.lab.example-20261125-101500 --deploy-on \"Host 1\"",
                "  restore plan backup.tar.gz --deploy-on host4.lab.example",
                "  restore plan ID --deploy-on \"Host 1\" --storage 192.0.2.5:/exports/he_new   (hosted_storage lost)"})
    public static final class Plan implements Callable<Result> {
        private final CommandContext ctx;
        private final Catalog catalog;

        @picocli.CommandLine.Mixin
        Target target = new Target();

        public Plan(CommandContext ctx, Catalog catalog) {
            this.ctx = ctx;
            this.catalog = catalog;
        }

        @Override
        public Result call() {
            String backupId = RestoreProbe.backupId(catalog, target.backup);
            Optional<RestoreJournal> underway = RestoreJournal.unfinished(journals(catalog), backupId,
                    target.deployOn);
            if (underway.isPresent() && underway.get().content().steps().stream()
                    .anyMatch(s -> !s.state().equals("pending"))) {
                // Half done: the checks would now see the restore's own engine; the journal goes on instead.
                return new Result.RestorePlanned(underway.get().content().plan(), underway.get().id(), false, true);
            }
            target.storage(); // bad input is refused before anything is asked
            RestorePlan plan = RestoreProbe.plan(ctx, catalog, target);
            if (plan.blocked()) {
                return new Result.RestorePlanned(plan, null, false, false);
            }
            RestoreJournal j = underway.orElseGet(() -> RestoreJournal.create(journals(catalog), plan));
            return new Result.RestorePlanned(plan, j.id(), false, false);
        }
    }

    @Command(name = "run", header = "Carry out a saved restore plan; run it again to resume.", description = {
        "Carry out a saved plan: copy the backup to the deploying host, deploy",
        "the new engine VM with the restore, remove the old host record when the",
        "deployment pauses, wait for the engine, remove and re-add the hosted-",
        "engine hosts that came back Non Operational, compare with the backup.",
        "Each step checks the real state first, so running it again after a",
        "failure, Ctrl-C or a crash goes on at the first unfinished step."},
            footer = {"%nExamples:", "  restore run restore-20261125-101500", "  restore run restore-20261125-101500"
                + " --dry-run"})
    public static final class Run implements Callable<Result> {
        private final CommandContext ctx;
        private final Catalog catalog;

        @Parameters(index = "0", paramLabel = "PLAN", completionCandidates = RestoreIds.class,
                description = "The plan's id, as `restore plan` printed it.")
        String id;

        @Option(names = "--dry-run", description = "Show the steps, their state and why, change nothing.")
        boolean dryRun;

        @Option(names = "--skip", paramLabel = "STEP", split = ",", completionCandidates = StepIds.class,
                description = "Steps to treat as done by hand (e.g. remove-old-host when you removed it yourself).")
        List<String> skip = List.of();

        @picocli.CommandLine.Mixin
        KeyOptions.Decrypt decrypt = new KeyOptions.Decrypt();

        public Run(CommandContext ctx, Catalog catalog) {
            this.ctx = ctx;
            this.catalog = catalog;
        }

        @Override
        public Result call() {
            RestoreJournal journal = RestoreJournal.open(journals(catalog), id);
            List<String> ids = journal.content().plan().steps().stream().map(s -> s.id()).toList();
            for (String step : skip) {
                if (!ids.contains(step)) {
                    throw new CommandException("--skip " + step + ": restore " + id + " has no such step; its steps: "
                            + String.join(", ", ids), 2, null);
                }
            }
            if (dryRun) {
                return new Result.RestoreStatus(journal.content(), true, journal.underway());
            }
            Optional<RestoreJournal.RunLock> lock = journal.lockRun();
            if (lock.isEmpty()) {
                throw new CommandException("restore " + id + " is being carried out by another heshell right now;"
                        + " `restore status " + id + "` shows where it stands; run it again once that one has ended");
            }
            try (RestoreJournal.RunLock held = lock.get()) {
                new RestoreRunner(journal, new World(ctx, decrypt.identity(ctx)), Set.copyOf(skip)).run();
            } catch (RestoreException | org.heshell.backup.BackupFormatException e) {
                throw new CommandException(e.getMessage(), Thread.currentThread().isInterrupted() ? 130 : 1, e);
            }
            return new Result.RestoreStatus(journal.content(), false, false);
        }
    }

    @Command(name = "status", header = "Where a restore stands, step by step.",
            description = "Where a restore stands: each step's state, when, and what happened (the newest restore"
                    + " unless one is named; `restore list` lists them all).",
            footer = {"%nExamples:", "  restore status", "  restore status restore-20261125-101500"})
    public static final class Status implements Callable<Result> {
        private final Catalog catalog;

        @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN", completionCandidates = RestoreIds.class,
                description = "The restore (default: the newest).")
        String id;

        public Status(Catalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public Result call() {
            Path root = journals(catalog);
            String which = id != null ? id : RestoreJournal.ids(root).stream().findFirst().orElseThrow(() ->
                    new CommandException("no restore yet; start one with `restore plan BACKUP --deploy-on HOST`"));
            RestoreJournal j = RestoreJournal.open(root, which);
            return new Result.RestoreStatus(j.content(), false, j.underway());
        }
    }

    @Command(name = "list", header = "Every restore, newest first, and where each stands.",
            description = "Every restore planned here, newest first: its backup, the deploying host and where it"
                    + " stands (finished, the step it failed at or was interrupted in).",
            footer = {"%nExample:", "  restore list"})
    public static final class ListRestores implements Callable<Result> {
        private final Catalog catalog;

        public ListRestores(Catalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public Result call() {
            Path root = journals(catalog);
            RestoreJournal.Listing listing = RestoreJournal.list(root);
            java.util.Set<String> underway = new java.util.HashSet<>();
            for (var c : listing.restores()) {
                if (RestoreJournal.open(root, c.id()).underway()) {
                    underway.add(c.id());
                }
            }
            return new Result.RestoreList(listing, underway);
        }
    }

    /** The restore's world through this shell's connections. */
    private record World(CommandContext ctx, org.heshell.backup.Identity identity) implements RestoreWorld {
        @Override
        public SshSession ssh(String fqdn) {
            return ctx.connector().ssh(fqdn);
        }

        @Override
        public Optional<Environment> manager() {
            try {
                return Optional.of(ctx.refresh());
            } catch (EngineException e) {
                if (e.unreachable()) {
                    return Optional.empty();
                }
                throw e;
            }
        }

        @Override
        public EngineSession engine() {
            return ctx.engine();
        }

        @Override
        public Progress progress() {
            return ctx.progress();
        }

        @Override
        public double clockSpeed() {
            return ctx.connector().clockSpeed();
        }
    }

    /** Completion: the restores in the journal directory. */
    public static final class RestoreIds implements Iterable<String> {
        private final Catalog catalog;

        public RestoreIds(Catalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return RestoreJournal.ids(journals(catalog)).iterator();
        }
    }
}
