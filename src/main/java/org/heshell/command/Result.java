package org.heshell.command;

import java.time.Duration;
import java.util.List;
import org.heshell.engine.Migration;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.Vm;

/** What a command returns; renderers turn it into text, a table, the map or JSON. */
public sealed interface Result {
    /** The exit code a shell reports after printing this result: 0 unless the result itself is a refusal. */
    default int exitCode() {
        return 0;
    }

    record HostsView(Environment environment, List<Host> hosts) implements Result {
    }

    /** The process serving the lab: as it is ({@code stopped} false), or as it was before `lab stop` ended it. */
    record LabProcessShown(org.heshell.lab.LabProcessStatus status, boolean stopped) implements Result {
    }

    record VmsView(Environment environment, List<Vm> vms) implements Result {
    }

    /** The hosted-engine HA state; {@code changed}: what was just set, or null. */
    record HaView(Environment environment, String changed) implements Result {
    }

    /** The Manager's audit log, newest first. */
    record EventsView(Environment environment, List<org.heshell.model.EngineEvent> events) implements Result {
    }

    /**
     * The map of {@code environment}; with {@code before} (a backup's picture, named by {@code beforeLabel}) the two
     * side by side, and {@code environment} null when no Manager answers now.
     */
    record MapView(Environment environment, Environment before, String beforeLabel) implements Result {
        public MapView(Environment environment) {
            this(environment, null, null);
        }
    }

    /** A host changed state: what was done, its state now, the VMs that moved and how long it took. */
    record HostChanged(String action, Host host, List<Migration> migrations, Duration took, Environment environment)
            implements Result {
    }

    /**
     * A VM changed state: what was done ("started", "shut down", "powered off", "migrated", or what was asked with
     * --no-wait), the VM now, the host it ran on before ({@code from}, null when it was down), how long it took.
     */
    record VmChanged(String action, Vm vm, String from, Duration took, Environment environment) implements Result {
    }

    record Connected(String label, String url, Environment environment) implements Result {
    }

    /** A backup's contents, shown as {@code view}: "hosts", "vms" or "map". */
    record BackupInspected(org.heshell.backup.BackupContents contents, String view) implements Result {
    }

    /** A backup taken or fetched, verified and recorded in the catalog. */
    record BackupRecorded(String action, org.heshell.backup.CatalogEntry entry,
                          org.heshell.backup.BackupContents contents) implements Result {
    }

    /** A backup checked: its entries against its own checksums and, for a catalog backup, its recorded sha256. */
    record BackupVerified(String name, org.heshell.backup.BackupContents contents, boolean recordedHashChecked)
            implements Result {
    }

    /** The catalog: its backups (some perhaps with their file gone) and the records that cannot be read. */
    record BackupList(org.heshell.backup.Catalog.Listing listing) implements Result {
        public java.util.List<org.heshell.backup.CatalogEntry> entries() {
            return listing.backups();
        }
    }

    /** A keep-policy applied to the catalog: every backup with the rules that keep it; {@code dryRun}: none removed. */
    record BackupPruned(List<org.heshell.backup.RetentionPolicy.Verdict> verdicts, boolean dryRun) implements Result {
    }

    /**
     * The catalog's backups judged as a monitoring plugin judges, per engine; the exit code is the worst state's
     * (0 OK, 1 WARNING, 2 CRITICAL). An empty catalog is CRITICAL. {@code engineUnreadable}: why the Manager's events
     * could not be read when not even its FQDN is known (null otherwise: its word is in its engine's health).
     */
    record BackupChecked(List<org.heshell.backup.BackupHealth> engines, Duration warning, Duration critical,
                         String engineUnreadable) implements Result {
        @Override
        public int exitCode() {
            return engines.isEmpty() ? 2 : engines.stream().mapToInt(e -> e.state().ordinal()).max().orElse(2);
        }
    }

    /**
     * Every engine of ~/.heshell/engines checked in turn, in the file's order; the exit code is the worst state's.
     */
    record EnginesChecked(List<Row> engines, Duration warning, Duration critical) implements Result {
        /** An engine's name in the file and its health (its catalog and its own word, or why that was not read). */
        public record Row(String name, org.heshell.backup.BackupHealth health) {
        }

        @Override
        public int exitCode() {
            return engines.stream().mapToInt(e -> e.health().state().ordinal()).max().orElse(2);
        }
    }

    /** The differences between two environments, each labelled ("backup-x.tar.gz", "live"). */
    record Diff(String from, String to, org.heshell.model.EnvironmentDiff diff) implements Result {
    }

    /**
     * A restore plan, checked ({@code checksOnly}: preflight, nothing saved), saved as {@code journal} (null when
     * blocked), or an unfinished restore taken up again ({@code resumed}). Blocked plans exit 1.
     */
    record RestorePlanned(org.heshell.restore.RestorePlan plan, String journal, boolean checksOnly, boolean resumed)
            implements Result {
        @Override
        public int exitCode() {
            return plan.blocked() && !resumed ? 1 : 0;
        }
    }

    /** Where a restore stands; {@code dryRun}: what `restore run` would do. */
    /** A restore's journal; {@code underway}: a run is carrying it out now (else a "running" step was interrupted). */
    record RestoreStatus(org.heshell.restore.RestoreJournal.Content journal, boolean dryRun, boolean underway)
            implements Result {
    }

    /** Every restore, newest first; {@code underway}: the ids a run is carrying out now. */
    record RestoreList(org.heshell.restore.RestoreJournal.Listing listing, java.util.Set<String> underway)
            implements Result {
    }

    record Text(String text) implements Result {
    }

    /** A script ran; {@code value} is what it returned, if anything. */
    record ScriptDone(String script, Object value) implements Result {
    }

    record Exit() implements Result {
    }
}
