package org.heshell.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.heshell.backup.BackupHealth;
import org.heshell.backup.BackupMetrics;
import org.heshell.backup.Catalog;
import org.heshell.backup.CatalogEntry;
import org.heshell.backup.EngineBackupEvents;
import org.heshell.engine.EngineException;
import org.heshell.engine.EngineSession;
import org.heshell.model.EngineEvent;
import org.heshell.model.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check", header = "Check the catalog's backups as a monitoring plugin does.", description = {
    "Check the catalog's backups as a monitoring plugin does: one status line and exit 0 OK, 1 WARNING, "
        + "2 CRITICAL. CRITICAL: no verified backup, or the newest is older than --critical-age. WARNING: it is "
        + "older than --max-age, no recent backup was taken with a failover host, or the newest backup failed to "
        + "verify. Each engine in the catalog is judged on its own, the worst first.",
    "The Manager's own word is read too, through its audit log: the newest engine-backup run it recorded (9025 "
        + "completed, 9026 failed) and its backup alerts (9022 no full backup, 9023 full backup too old). A failed "
        + "last run, or an alert no completed backup has answered since, makes the check WARNING (never CRITICAL: "
        + "the catalog's backups are the ones a restore takes). A Manager that does not answer changes nothing: "
        + "the catalog answers, and the line says the engine's events could not be read.",
    "--metrics FILE also writes Prometheus text-format metrics (for node_exporter's textfile collector).",
    "--all checks every engine of ~/.heshell/engines, each with its own catalog (its backups setting, else this "
        + "shell's) and its own login: one that cannot be reached, refuses the password or fails TLS is shown with "
        + "its catalog's state and why, and the others are checked all the same. A summary table follows the "
        + "status line; the exit code is the worst state. --engine NAME checks that one engine so (what a "
        + "scheduled backup of it runs)."},
        footer = {"%nExamples:", "  backup check --max-age 26h",
            "  backup check --max-age 26h --metrics /var/lib/node_exporter/textfile/heshell.prom",
            "  backup check --all --max-age 26h"})
public final class BackupCheck implements Callable<Result> {
    private static final Pattern AGE = Pattern.compile("(\\d+)([smhd])");
    private final CommandContext ctx;
    private final Catalog catalog;

    @Option(names = "--max-age", paramLabel = "AGE", defaultValue = "26h",
            description = "WARNING when the newest verified backup is older (e.g. 26h, 90m, 2d; default: "
                    + "${DEFAULT-VALUE}).")
    String maxAge;

    @Option(names = "--critical-age", paramLabel = "AGE",
            description = "CRITICAL when the newest verified backup is older (default: twice --max-age).")
    String criticalAge;

    @Option(names = "--max-copy-age", paramLabel = "AGE",
            description = "WARNING when no backup this recent has a checked copy elsewhere (backup copy).")
    String maxCopyAge;

    @Option(names = "--metrics", paramLabel = "FILE", description = "Also write Prometheus metrics to FILE.")
    Path metrics;

    @Option(names = "--all", description = "Check every engine of ~/.heshell/engines, one after the other.")
    boolean all;

    @Option(names = "--engine", paramLabel = "NAME", completionCandidates = EngineNames.class,
            description = "Check this engine of ~/.heshell/engines (its own login and catalog).")
    String engine;

    public BackupCheck(CommandContext ctx, Catalog catalog) {
        this.ctx = ctx;
        this.catalog = catalog;
    }

    @Override
    public Result call() {
        Duration warning = age("--max-age", maxAge);
        Duration critical = criticalAge == null ? warning.multipliedBy(2) : age("--critical-age", criticalAge);
        if (critical.compareTo(warning) < 0) {
            throw new CommandException("--critical-age " + criticalAge + " is shorter than --max-age " + maxAge
                    + "; give a critical age at least as long", 2, null);
        }
        if (metrics != null && (metrics.toAbsolutePath().getParent() == null
                || !Files.isDirectory(metrics.toAbsolutePath().getParent()))) {
            throw new CommandException("--metrics " + metrics + ": its directory does not exist; create it first", 2,
                    null);
        }
        Duration copyWarning = maxCopyAge == null ? null : age("--max-copy-age", maxCopyAge);
        if (all && engine != null) {
            throw new CommandException("give either --all or --engine NAME, not both", 2, null);
        }
        if (all || engine != null) {
            return all(warning, critical, copyWarning);
        }
        List<CatalogEntry> entries = catalog.list();
        Instant now = Instant.now();
        List<BackupHealth> engines = BackupHealth.judge(entries,
                e -> e.verified() && Files.isRegularFile(e.file()), now, warning, critical, copyWarning);
        String unread = null;
        if (ctx != null && ctx.canConnect()) {
            EngineBackupEvents side = engineSide(ctx);
            if (side.engine() == null) {
                unread = side.unreadable();
            } else {
                engines = fold(engines, side, now);
            }
        }
        if (metrics != null) {
            try {
                BackupMetrics.write(metrics, engines);
            } catch (IOException e) {
                throw new CommandException("cannot write the metrics to " + metrics + ": " + e.getMessage(), 2, e);
            }
        }
        return new Result.BackupChecked(engines, warning, critical, unread);
    }

    /**
     * What the connected Manager says of its backups; its FQDN is the one its engine VM has, as the catalog's
     * entries name it. A Manager that does not answer gives its reason instead (and no FQDN unless one was read).
     */
    static EngineBackupEvents engineSide(CommandContext ctx) {
        try {
            EngineSession session = ctx.engine();
            return read(session, ctx.refresh().engineFqdn());
        } catch (CommandException | EngineException e) {
            return EngineBackupEvents.unreadable(ctx.lastKnown().map(Environment::engineFqdn).orElse(null),
                    e.getMessage());
        }
    }

    private static EngineBackupEvents read(EngineSession session, String fqdn) {
        return new EngineBackupEvents(fqdn, newest(session, EngineBackupEvents.COMPLETED),
                newest(session, EngineBackupEvents.FAILED), newest(session, EngineBackupEvents.ALERTS), null);
    }

    /** Every configured engine, checked in turn; all their files are checked first, so a typo stops nothing half-way. */
    private Result all(Duration warning, Duration critical, Duration copyWarning) {
        EngineConfig config = EngineConfig.load();
        if (engine != null) {
            return checked(List.of(config.require(engine)), warning, critical, copyWarning);
        }
        if (config.engines().isEmpty()) {
            throw new CommandException("backup check --all: " + config.file() + " defines no engine; add one [NAME]"
                    + " section per engine (see README, \"Many engines\")", 2, null);
        }
        return checked(config.engines().stream().map(EngineProfile::checked).toList(), warning, critical,
                copyWarning);
    }

    private Result checked(List<EngineProfile> engines, Duration warning, Duration critical, Duration copyWarning) {
        Instant now = Instant.now();
        List<Result.EnginesChecked.Row> rows = new ArrayList<>();
        for (EngineProfile p : engines) {
            rows.add(new Result.EnginesChecked.Row(p.name(), one(p, now, warning, critical, copyWarning)));
        }
        if (metrics != null) {
            try {
                BackupMetrics.write(metrics, rows.stream().map(Result.EnginesChecked.Row::health).toList(),
                        rows.stream().map(Result.EnginesChecked.Row::name).toList());
            } catch (IOException e) {
                throw new CommandException("cannot write the metrics to " + metrics + ": " + e.getMessage(), 2, e);
            }
        }
        return new Result.EnginesChecked(rows, warning, critical);
    }

    /** One engine: its own login and its own catalog's backups of its FQDN; a failure to log in is its row's. */
    private BackupHealth one(EngineProfile p, Instant now, Duration warning, Duration critical, Duration copyWarning) {
        EngineBackupEvents side;
        try (EngineSession session = ctx.connector().open(p)) {
            side = read(session, session.read().engineFqdn());
        } catch (CommandException e) {
            if (e.exitCode() == 130) {
                throw e; // Ctrl-C stops the whole check
            }
            side = EngineBackupEvents.unreadable(p.fqdn(), e.getMessage());
        } catch (RuntimeException e) {
            side = EngineBackupEvents.unreadable(p.fqdn(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
        String fqdn = side.engine();
        Catalog own = p.backups() != null ? new Catalog(p.backups()) : catalog;
        List<CatalogEntry> entries = own.list().stream().filter(e -> e.engineFqdn().equals(fqdn)).toList();
        List<BackupHealth> judged = BackupHealth.judge(entries, e -> e.verified() && Files.isRegularFile(e.file()),
                now, warning, critical, copyWarning);
        return (judged.isEmpty() ? BackupHealth.none(fqdn) : judged.get(0)).withEngine(side, now);
    }

    private static EngineEvent newest(EngineSession session, String search) {
        List<EngineEvent> found = session.events(1, search);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The engine's word folded into its catalog health; an engine with no backup in the catalog is CRITICAL. */
    static List<BackupHealth> fold(List<BackupHealth> engines, EngineBackupEvents side, Instant now) {
        List<BackupHealth> out = new ArrayList<>();
        boolean found = false;
        for (BackupHealth h : engines) {
            if (h.engine().equals(side.engine())) {
                out.add(h.withEngine(side, now));
                found = true;
            } else {
                out.add(h);
            }
        }
        if (!found) {
            out.add(BackupHealth.none(side.engine()).withEngine(side, now));
        }
        out.sort(Comparator.comparing(BackupHealth::state).reversed().thenComparing(BackupHealth::engine));
        return out;
    }

    /** A duration as monitoring configurations write it: a number and s, m, h or d. */
    static Duration age(String option, String text) {
        Matcher m = AGE.matcher(text.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new CommandException(option + " '" + text + "' is not an age; write a number and s, m, h or d"
                    + " (e.g. 26h)", 2, null);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
