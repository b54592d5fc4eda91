package org.heshell.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import net.schmizz.sshj.sftp.SFTPClient;
import org.heshell.backup.ArchiveLock;
import org.heshell.backup.BackupArchive;
import org.heshell.backup.BackupContents;
import org.heshell.backup.Catalog;
import org.heshell.backup.CatalogEntry;
import org.heshell.backup.EncryptionKey;
import org.heshell.backup.Identity;
import org.heshell.backup.InspectionAsItComes;
import org.heshell.engine.Progress;
import org.heshell.model.ByteSize;
import org.heshell.model.Environment;
import org.heshell.model.EnvironmentDiff;
import org.heshell.model.Host;
import org.heshell.remote.SftpFetch;
import org.heshell.remote.SshSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup", header = "Take, fetch, verify, list, inspect and compare backups.",
        description = "Take, fetch, verify, list, inspect and compare engine backups.",
        subcommands = {BackupCommand.Create.class, BackupCommand.Fetch.class, BackupCommand.Verify.class,
            BackupCommand.ListBackups.class, BackupCommand.Inspect.class, BackupCommand.Diff.class,
            BackupPrune.class, BackupCheck.class, BackupSchedule.class, BackupCopyCommand.class},
        footer = {"%nExamples:", "  backup create", "  backup list", "  backup inspect ID --map",
            "  backup diff ID live", "  backup prune --keep-daily 7 --keep-weekly 4 --dry-run"})
public final class BackupCommand {
    /** Where engine-backup writes on the engine VM, as its documentation suggests. */
    static final String REMOTE_DIR = "/var/lib/ovirt-engine-backup";

    /** Where a fetched archive goes: --to DIR, or the catalog when not given. */
    static final class Destination {
        @Option(names = "--to", paramLabel = "DIR", description = "Keep the archive here instead of the catalog.")
        Path dir;

        /** The directory asked for (null: the catalog), checked to exist. */
        Path dir() {
            if (dir != null && !Files.isDirectory(dir)) {
                throw new CommandException("--to " + dir + " is not a directory; create it first", 2, null);
            }
            return dir;
        }

        /**
         * Where the archive will be written, checked to take a file (a directory such as /proc, or one without
         * write permission, does not): before the engine is asked for anything.
         */
        Path writable(Catalog catalog) {
            Path where = dir() != null ? dir : catalog.ensure();
            try {
                Path probe = Files.createTempFile(where, ".heshell-write-check-", ".tmp");
                Files.delete(probe);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                throw new CommandException((dir != null ? "--to " + dir : "the catalog " + where) + " cannot take"
                        + " a file (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + "); give a directory you can write to", dir != null ? 2 : 1, e);
            }
            return where;
        }
    }

    /**
     * A catalog id's archive, or a path to an archive; refused in one line when it is neither, when the record's
     * file is gone, or when the record itself is damaged.
     */
    /** A size as a person reads it: KiB below a MiB, else MiB. */
    static Path resolve(Catalog catalog, String backup) {
        Catalog.Listing listing = catalog.listing();
        var entry = listing.backups().stream().filter(e -> e.id().equals(backup)).findFirst();
        if (entry.isPresent()) {
            if (listing.missing().contains(backup)) {
                throw new CommandException(Catalog.gone(entry.get()));
            }
            return entry.get().file();
        }
        for (Catalog.Damaged d : listing.damaged()) {
            if (d.record().getFileName().toString().equals(backup + ".json")) {
                throw new CommandException(d.advice());
            }
        }
        Path file;
        try {
            file = Path.of(backup);
        } catch (java.nio.file.InvalidPathException e) {
            file = null;
        }
        if (file == null || !Files.exists(file)) {
            throw new CommandException(backup + " is neither a catalog id nor a file; `backup list` shows the ids");
        }
        return file;
    }

    /** An archive heshell's own `backup create` wrote: heshell-ID.tar.gz, named after its catalog id. */
    private static final java.util.regex.Pattern OWN_ARCHIVE = java.util.regex.Pattern.compile(
            "heshell-(.+)\\.tar\\.gz");

    /**
     * Fetches {@code remote} into the catalog (or {@code to}), verifies it and records it. The record's id, date
     * and failover host are the archive's: the id a run of `backup create` reserved ({@code reservedId}, or the one
     * its file is named after when that run did not record it), else one made from the time the archive was taken.
     */
    static Result.BackupRecorded fetchVerifyRecord(CommandContext ctx, Catalog catalog, SshSession ssh,
                                                   String remote, Path to, String scope, String failover,
                                                   String action, String reservedId, Instant reservedAt,
                                                   EncryptionKey key) {
        // Named after the remote file, so that fetching it again after a crash finds and resumes the partial one.
        Path target = (to != null ? to : catalog.ensure()).resolve(Path.of(remote).getFileName()
                + (key != null ? ".gpg" : ""));
        Progress progress = ctx.progress();
        // One run at a time per archive: a second fetch of the same file waits instead of sharing its .part.
        try (ArchiveLock lock = ArchiveLock.acquire(target, progress::step)) {
            return fetchVerifyRecord(ctx, catalog, ssh, remote, target, to, scope, failover, action, reservedId,
                    reservedAt, key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted while waiting for another heshell writing " + target
                    + "; nothing was fetched or recorded", 130, e);
        } catch (IOException e) {
            throw new CommandException("cannot lock " + target + ": " + e.getMessage());
        }
    }

    private static Result.BackupRecorded fetchVerifyRecord(CommandContext ctx, Catalog catalog, SshSession ssh,
                                                           String remote, Path target, Path to, String scope,
                                                           String failover, String action, String reservedId,
                                                           Instant reservedAt, EncryptionKey key) {
        Progress progress = ctx.progress();
        Instant fetchedAt = Instant.now();
        SftpFetch.Fetched f;
        // Encrypted, the archive is checked as it comes: the file it lands in cannot be read back without the
        // private key, which the machine taking backups need not hold.
        InspectionAsItComes inspection = key != null ? new InspectionAsItComes(target) : null;
        EncryptingSink sink = key != null ? new EncryptingSink(key, Path.of(remote).getFileName().toString(),
                inspection) : null;
        boolean fetched = false;
        try (SFTPClient sftp = ssh.sftp()) {
            progress.step("fetching " + ssh.target().name() + ":" + remote + " to " + target
                    + (key != null ? ", encrypting it to " + key.describe() + " as it comes" : ""));
            f = SftpFetch.fetch(ssh, sftp, remote, target, progress, sink != null ? sink : SftpFetch.Sink.PLAIN);
            fetched = true;
        } catch (SftpFetch.Kept e) {
            String again = "backup fetch " + CommandLines.quote(remote) + (to != null ? " --to "
                    + CommandLines.quote(to.toString()) : "") + (key != null ? " --encrypt-to "
                    + CommandLines.quote(key.source().toString()) : "");
            throw new CommandException(e.getMessage() + "; `" + again + "` " + (e.resumable() ? "resumes it"
                    : "fetches it again") + (reservedId != null ? " (as backup " + reservedId + ")" : ""),
                    e.interrupted() ? 130 : 1, e);
        } catch (IOException e) {
            throw new CommandException("closing SFTP to " + ssh.target().name() + " failed: " + e.getMessage());
        } finally {
            if (inspection != null && !fetched) {
                inspection.abandon();
            }
        }
        progress.step(String.format("fetched %s in %.1f s%s, sha256 matches the engine's%s", ByteSize.text(f.size()),
                f.took().toMillis() / 1000.0,
                f.resumedFrom() > 0 ? " (resumed at " + f.resumedFrom() + " bytes)"
                        : "", key != null ? "; written encrypted only" : ""));
        BackupContents contents;
        try {
            contents = inspection != null ? inspection.contents().encryptedTo(key.fingerprint())
                    : BackupArchive.inspect(target);
        } catch (RuntimeException e) {
            if (inspection != null) {
                deleteQuietly(target); // unreadable without the private key, and not a backup to keep
            }
            throw e;
        }
        progress.step("verified: " + contents.verifiedEntries().size() + " entries match "
                + contents.checksumFile() + (key != null ? " (checked as it came, before encryption)" : ""));
        java.util.regex.Matcher own = OWN_ARCHIVE.matcher(Path.of(remote).getFileName().toString());
        String id = reservedId;
        if (id == null && own.matches() && Catalog.timeOf(own.group(1)).isPresent() && catalog.adopt(own.group(1))) {
            id = own.group(1); // a `backup create` that did not finish: its backup keeps its own id and date
        }
        if (id == null) {
            id = catalog.newId(ssh.target().name(), contents.takenAt() != null ? contents.takenAt() : fetchedAt);
        }
        Instant takenAt = reservedAt != null ? reservedAt
                : Catalog.timeOf(id).orElse(contents.takenAt() != null ? contents.takenAt() : fetchedAt);
        List<Host> failovers = contents.failoverHosts();
        String failoverHost = failover != null ? failover : failovers.size() == 1 ? failovers.get(0).name() : null;
        CatalogEntry entry = new CatalogEntry(id, target, contents.engineFqdn(), contents.engineVersion(), f.size(),
                f.sha256(), takenAt, ssh.target().name() + ":" + remote, scope != null ? scope
                : String.join(",", contents.scope()), true, failoverHost, contents.environment().hosts().stream()
                .flatMap(h -> java.util.stream.Stream.of(h.name(), h.address())).distinct().toList(), List.of(),
                key != null ? key.fingerprint() : null, sink != null ? sink.fileSha256() : null);
        try {
            catalog.record(entry);
        } catch (RuntimeException e) {
            if (reservedId == null) {
                catalog.release(id); // adopted or new here: a later run may take it
            }
            throw e;
        }
        return new Result.BackupRecorded(action, entry, contents);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the error that follows is what matters; the file is 0600 either way
        }
    }

    @Command(name = "create", header = "Take a backup on the engine VM, fetch, verify and record it.", description = {
        "Take a backup with engine-backup on the engine VM, fetch it, verify it and record it in the catalog.",
        "Checks first that the destination takes a file, that the engine answers over the API and SSH and has the",
        "space, and reports global maintenance and the failover host (a hosted-engine host in Maintenance with no",
        "VMs). --dry-run stops after the checks."},
            footer = {"%nExamples:", "  backup create", "  backup create --scope db --to /srv/backups",
                "  backup create --encrypt-to backups-public.asc", "  backup create --dry-run"})
    public static final class Create implements Callable<Result> {
        private final CommandContext ctx;
        private final Catalog catalog;

        @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "all", completionCandidates = BackupScopes.class,
                description = "all, db or files, as engine-backup's --scope (default: ${DEFAULT-VALUE}).")
        String scope;

        @Mixin
        Destination to = new Destination();

        @Mixin
        KeyOptions.EncryptTo encryptTo = new KeyOptions.EncryptTo();

        @Option(names = "--dry-run", description = "Check everything a backup needs (the API, SSH to the engine VM,"
                + " its free space, the destination) and say what would be done; change nothing.")
        boolean dryRun;

        public Create(CommandContext ctx, Catalog catalog) {
            this.ctx = ctx;
            this.catalog = catalog;
        }

        @Override
        public Result call() {
            if (!List.of("all", "db", "files").contains(scope)) {
                throw new CommandException("--scope must be all, db or files, not '" + scope + "'", 2, null);
            }
            Path where = to.writable(catalog); // a wrong --to is reported before the engine is asked for anything
            EncryptionKey key = encryptTo.key(catalog); // and a wrong key
            Progress p = ctx.progress();
            Environment env = ctx.refresh();
            p.step("engine API: " + env.engineFqdn() + " answers (oVirt " + env.engineVersion() + ")");
            List<Host> failover = env.failoverHosts();
            p.step(failover.isEmpty() ? "failover host: none (no hosted-engine host in Maintenance without VMs);"
                    + " a restore will then need a new host, see prepare-failover"
                    : "failover host: " + failover.stream().map(Host::name).reduce((a, b) -> a + ", " + b).get());
            boolean global = env.hosts().stream().anyMatch(h -> h.hostedEngine().globalMaintenance());
            p.step("hosted-engine global maintenance: " + (global ? "on" : "off"));
            try (SshSession ssh = ctx.connector().ssh(env.engineFqdn())) {
                p.step("engine SSH: " + ssh.target().name() + " answers");
                long freeMib = checkSpace(ssh);
                if (dryRun) {
                    return new Result.Text("backup create would: run engine-backup --mode=backup --scope=" + scope
                            + " on " + env.engineFqdn() + " (" + freeMib + " MiB free in " + REMOTE_DIR
                            + "), fetch the archive to " + where + (key != null ? " encrypted to " + key.describe()
                            : "") + ", verify it and record it in the catalog with"
                            + " failover host " + (failover.size() == 1 ? failover.get(0).name() : "none")
                            + "; every check passed, nothing was changed");
                }
                return create(ssh, env, failover, key);
            }
        }

        private Result create(SshSession ssh, Environment env, List<Host> failover, EncryptionKey key) {
            Progress p = ctx.progress();
            Instant at = Instant.now();
            String id = catalog.newId(env.engineFqdn(), at);
            String remote = REMOTE_DIR + "/heshell-" + id + ".tar.gz";
            try {
                int code = ssh.exec("engine-backup --mode=backup --scope=" + scope + " --file=" + remote
                        + " --log=/var/log/ovirt-engine-backup/heshell-" + id + ".log",
                        line -> p.step("engine-backup: " + line), line -> p.step("engine-backup: " + line));
                if (code != 0) {
                    throw new CommandException("engine-backup failed on " + env.engineFqdn() + " (exit " + code
                            + "); its log is /var/log/ovirt-engine-backup/heshell-" + id + ".log there");
                }
                return fetchVerifyRecord(ctx, catalog, ssh, remote, to.dir(), scope,
                        failover.size() == 1 ? failover.get(0).name() : null, "created", id, at, key);
            } catch (RuntimeException e) {
                catalog.release(id); // the id was never recorded; a later run may take it
                throw e;
            }
        }

        /** The engine VM's free space where engine-backup writes, in MiB; refused when it cannot hold a backup. */
        private long checkSpace(SshSession ssh) {
            SshSession.Output df = ssh.run("df -P " + REMOTE_DIR);
            String[] lines = df.out().strip().split("\n");
            if (df.code() != 0 || lines.length < 2) {
                throw new CommandException("cannot read the free space of " + REMOTE_DIR + " on "
                        + ssh.target().name() + ": " + df.err().strip());
            }
            long availableKib = Long.parseLong(lines[1].trim().split("\\s+")[3]);
            ctx.progress().step("engine disk: " + availableKib / 1024 + " MiB free in " + REMOTE_DIR);
            if (availableKib < 100 * 1024) {
                throw new CommandException("only " + availableKib / 1024 + " MiB free in " + REMOTE_DIR + " on "
                        + ssh.target().name() + "; engine-backup needs room for the whole backup: free space there");
            }
            return availableKib / 1024;
        }
    }

    @Command(name = "fetch", header = "Fetch an archive from the engine VM, verify and record it.",
            description = "Fetch an archive from the engine VM (resuming a broken download),"
            + " verify it and record it in the catalog.",
            footer = {"%nExample:", "  backup fetch /var/lib/ovirt-engine-backup/engine-2026-11-25.tar.gz"})
    public static final class Fetch implements Callable<Result> {
        private final CommandContext ctx;
        private final Catalog catalog;

        @Parameters(index = "0", paramLabel = "REMOTE", description = "The archive's path on the engine VM.")
        String remote;

        @Mixin
        Destination to = new Destination();

        @Mixin
        KeyOptions.EncryptTo encryptTo = new KeyOptions.EncryptTo();

        public Fetch(CommandContext ctx, Catalog catalog) {
            this.ctx = ctx;
            this.catalog = catalog;
        }

        @Override
        public Result call() {
            Path dir = to.dir();
            to.writable(catalog); // before anything is fetched
            EncryptionKey key = encryptTo.key(catalog);
            Environment env = ctx.refresh();
            try (SshSession ssh = ctx.connector().ssh(env.engineFqdn())) {
                return fetchVerifyRecord(ctx, catalog, ssh, remote, dir, null, null, "fetched", null, null, key);
            }
        }
    }

    @Command(name = "verify", header = "Check a backup again: its entries and its recorded checksum.",
            description = {"Check a backup: every entry against the archive's own sha256sum",
        "(md5sum before 4.3) and, for a catalog backup, the whole file against the sha256 recorded when fetched."},
            footer = {"%nExamples:", "  backup verify ID", "  backup verify /srv/backups/engine.tar.gz"})
    public static final class Verify implements Callable<Result> {
        private final CommandContext ctx;
        private final Catalog catalog;

        @Parameters(index = "0", paramLabel = "FILE|ID", completionCandidates = BackupIds.class,
                description = "A catalog id or an archive file.")
        String backup;

        @Mixin
        KeyOptions.Decrypt decrypt = new KeyOptions.Decrypt();

        public Verify(CommandContext ctx, Catalog catalog) {
            this.ctx = ctx;
            this.catalog = catalog;
        }

        @Override
        public Result call() {
            Path file = resolve(catalog, backup);
            var entry = catalog.find(backup);
            Identity identity = decrypt.identity(ctx);
            if (entry.isPresent()) {
                String actual;
                try {
                    actual = org.heshell.backup.Checksums.sha256(entry.get().file());
                } catch (IOException e) {
                    throw new CommandException("cannot read " + entry.get().file() + ": " + e.getMessage());
                }
                if (!actual.equals(entry.get().diskSha256())) {
                    catalog.record(unverified(entry.get()));
                    throw new CommandException("backup " + backup + " changed since it was fetched (sha256 "
                            + actual.substring(0, 12) + "… instead of " + entry.get().diskSha256().substring(0, 12)
                            + "…); do not restore from it, fetch or take it again");
                }
                if (entry.get().encrypted() && identity == null) {
                    throw new CommandException("backup " + backup + " is encrypted to " + entry.get().encryptedTo()
                            + ": its file is as fetched (sha256 matches), but the archive inside can be checked only"
                            + " decrypted; give the private key with --decrypt-with KEY");
                }
            }
            if (identity != null && org.heshell.backup.OpenPgp.isMessage(file)) {
                // The key and its passphrase first: a wrong one says nothing about the backup, which stays verified.
                try (var opened = org.heshell.backup.OpenPgp.decrypt(Files.newInputStream(file), identity,
                        file.getFileName().toString())) {
                    opened.fingerprint();
                } catch (IOException e) {
                    throw new CommandException("cannot read " + file + ": " + e.getMessage());
                }
            }
            BackupContents contents;
            try {
                BackupArchive.Inspected read = BackupArchive.inspect(file, identity);
                contents = read.contents();
                if (entry.isPresent() && read.clearSha256() != null && !read.clearSha256().equals(
                        entry.get().sha256())) {
                    throw new CommandException("backup " + backup + " decrypts to an archive other than the one"
                            + " fetched (sha256 " + read.clearSha256().substring(0, 12) + "… instead of the engine's "
                            + entry.get().sha256().substring(0, 12) + "…); do not restore from it");
                }
            } catch (RuntimeException e) {
                entry.ifPresent(x -> catalog.record(unverified(x)));
                throw e;
            }
            if (entry.isPresent() && !entry.get().copies().isEmpty()) {
                checkCopies(entry.get());
            }
            return new Result.BackupVerified(backup, contents, entry.isPresent());
        }

        /** Each copy read again on its far side; one that no longer matches is named with the way to replace it. */
        private void checkCopies(CatalogEntry e) {
            List<org.heshell.backup.BackupCopy> copies = CopyCheck.recheck(e, ctx.connector());
            CatalogEntry now = e;
            for (var c : copies) {
                now = now.withCopy(c);
            }
            catalog.record(now);
            List<String> bad = copies.stream().filter(c -> !c.matches()).map(c -> c.location()).toList();
            if (!bad.isEmpty()) {
                throw new CommandException("backup " + e.id() + " verifies, but its copy at " + String.join(", ", bad)
                        + " does not match it any more (altered or gone); copy it again with `backup copy " + e.id()
                        + " --to DEST`");
            }
        }

        private static CatalogEntry unverified(CatalogEntry e) {
            return e.withVerified(false);
        }
    }

    @Command(name = "list", header = "The backups in the catalog, newest first.",
            description = "The backups in the catalog, newest first: whether each is verified, encrypted (ENC; the"
                    + " key's fingerprint with --json or backup inspect), taken with a failover host, and its copies.",
            footer = {"%nExample:", "  backup list"})
    public static final class ListBackups implements Callable<Result> {
        private final Catalog catalog;

        public ListBackups(Catalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public Result call() {
            return new Result.BackupList(catalog.listing());
        }
    }

    @Command(name = "inspect", header = "Show the environment as it was at backup time.", description = {
        "Show the environment as it was at backup time: hosts, VMs, the engine VM, the failover host.",
        "Reads any engine-backup archive (gzip, bzip2, xz or none; custom or plain dump) in one pass, checks",
        "every entry against the archive's own sha256sum (md5sum before 4.3), and extracts nothing."},
            footer = {"%nExamples:", "  backup inspect engine.lab.example-20261125-093100",
                "  backup inspect /backups/engine-2026-11-25.tar.gz --map",
                "  backup inspect ID --decrypt-with backups-private.asc   (an encrypted backup)",
                "  ./shell --json -c \"backup inspect engine.tar.gz\""})
    public static final class Inspect implements Callable<Result> {
        private final CommandContext ctx;
        private final Catalog catalog;

        @Parameters(index = "0", paramLabel = "FILE|ID", completionCandidates = BackupIds.class,
                description = "A catalog id or an archive file.")
        String backup;

        @ArgGroup
        View view = new View();

        @Mixin
        KeyOptions.Decrypt decrypt = new KeyOptions.Decrypt();

        static final class View {
            @Option(names = "--map", description = "Draw the hosts with their VMs at backup time.")
            boolean map;

            @Option(names = "--vms", description = "List the VMs at backup time.")
            boolean vms;
        }

        public Inspect(CommandContext ctx, Catalog catalog) {
            this.ctx = ctx;
            this.catalog = catalog;
        }

        @Override
        public Result call() {
            String shown = view != null && view.map ? "map" : view != null && view.vms ? "vms" : "hosts";
            return new Result.BackupInspected(BackupArchive.inspect(resolve(catalog, backup), decrypt.identity(ctx))
                    .contents(), shown);
        }
    }

    @Command(name = "diff", header = "Compare a backup with another, or with the live environment.", description = {
        "Compare a backup with another backup, or with the live environment (`live`): hosts added, removed or",
        "with changed name, FQDN, IP, unique id or status; VMs added, removed or moved; the engine VM's host."},
            footer = {"%nExamples:", "  backup diff monday.tar.gz tuesday.tar.gz", "  backup diff ID live", "  backup prune --keep-daily 7 --keep-weekly 4 --dry-run"})
    public static final class Diff implements Callable<Result> {
        private final CommandContext ctx;
        private final Catalog catalog;

        @Parameters(index = "0", paramLabel = "A", completionCandidates = BackupIds.class,
                description = "A catalog id or an archive file.")
        String from;

        @Parameters(index = "1", paramLabel = "B|live", completionCandidates = BackupIds.class,
                description = "Another backup, or `live`.")
        String to;

        @Mixin
        KeyOptions.Decrypt decrypt = new KeyOptions.Decrypt();

        public Diff(CommandContext ctx, Catalog catalog) {
            this.ctx = ctx;
            this.catalog = catalog;
        }

        @Override
        public Result call() {
            Path a = resolve(catalog, from);
            Identity identity = decrypt.identity(ctx); // one passphrase prompt for both backups
            var before = BackupArchive.inspect(a, identity).contents().environment();
            boolean live = to.equals("live");
            var after = live ? ctx.refresh() : BackupArchive.inspect(resolve(catalog, to), identity).contents()
                    .environment();
            return new Result.Diff(a.getFileName().toString(), live ? "live"
                    : resolve(catalog, to).getFileName().toString(), EnvironmentDiff.between(before, after));
        }
    }
}
