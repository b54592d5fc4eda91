package org.heshell.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How one engine's backups stand, judged as a monitoring plugin judges (Nagios/Icinga states): CRITICAL when
 * there is no verified backup or the newest is older than the critical age; WARNING when it is older than the
 * warning age, when no backup taken with a failover host is that recent, or when the newest backup failed to
 * verify; also WARNING, when a copy age is given, if no backup that recent has a matching copy elsewhere; OK
 * otherwise.
 */
public record BackupHealth(String engine, State state, CatalogEntry newestVerified, CatalogEntry newestFailover,
                           CatalogEntry newestCopied, CatalogEntry lastFailure, List<String> problems,
                           EngineBackupEvents engineEvents) {
    /** The plugin states, in the order of their exit codes (0 OK, 1 WARNING, 2 CRITICAL). */
    public enum State {
        OK, WARNING, CRITICAL
    }

    /**
     * Each engine of {@code entries} judged at {@code now}, the worst first; {@code usable} tells whether a backup can be restored
     * from (verified and its archive still there).
     */
    public static List<BackupHealth> judge(List<CatalogEntry> entries, Predicate<CatalogEntry> usable, Instant now,
                                           Duration warning, Duration critical, Duration copyWarning) {
        Map<String, List<CatalogEntry>> byEngine = new LinkedHashMap<>();
        entries.stream().sorted(Comparator.comparing(CatalogEntry::createdAt).reversed())
                .forEach(e -> byEngine.computeIfAbsent(e.engineFqdn(), k -> new ArrayList<>()).add(e));
        // The worst first: a status line is read from its start.
        return byEngine.entrySet().stream().map(x -> judge(x.getKey(), x.getValue(), usable, now, warning, critical, copyWarning))
                .sorted(Comparator.comparing((BackupHealth h) -> h.state()).reversed()
                        .thenComparing(BackupHealth::engine)).toList();
    }

    private static BackupHealth judge(String engine, List<CatalogEntry> newestFirst, Predicate<CatalogEntry> usable,
                                      Instant now, Duration warning, Duration critical, Duration copyWarning) {
        CatalogEntry verified = newestFirst.stream().filter(usable).findFirst().orElse(null);
        CatalogEntry failover = newestFirst.stream().filter(usable).filter(e -> e.failoverHost() != null)
                .findFirst().orElse(null);
        CatalogEntry copied = newestFirst.stream().filter(usable)
                .filter(e -> e.copies().stream().anyMatch(BackupCopy::matches)).findFirst().orElse(null);
        CatalogEntry failure = newestFirst.stream().filter(usable.negate()).findFirst().orElse(null);
        List<String> critical0 = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (verified == null) {
            critical0.add("no verified backup");
        } else if (age(verified, now).compareTo(critical) > 0) {
            critical0.add("newest verified backup is " + human(age(verified, now)) + " old (critical: "
                    + human(critical) + ")");
        } else if (age(verified, now).compareTo(warning) > 0) {
            warnings.add("newest verified backup is " + human(age(verified, now)) + " old (warning: "
                    + human(warning) + ")");
        }
        if (verified != null && (failover == null || age(failover, now).compareTo(warning) > 0)) {
            warnings.add(failover == null ? "no verified backup was taken with a failover host"
                    : "newest backup with a failover host is " + human(age(failover, now)) + " old");
        }
        if (verified != null && copyWarning != null && (copied == null || age(copied, now).compareTo(copyWarning) > 0)) {
            warnings.add(copied == null ? "no backup has a copy elsewhere (backup copy)"
                    : "newest backup with a copy elsewhere is " + human(age(copied, now)) + " old");
        }
        if (failure != null && (verified == null || failure.createdAt().isAfter(verified.createdAt()))) {
            warnings.add("the newest backup " + failure.id() + " is not usable");
        }
        List<String> problems = new ArrayList<>(critical0);
        problems.addAll(warnings);
        State state = !critical0.isEmpty() ? State.CRITICAL : !warnings.isEmpty() ? State.WARNING : State.OK;
        return new BackupHealth(engine, state, verified, failover, copied, failure, List.copyOf(problems), null);
    }

    /**
     * This health with what the engine says of its backups folded in: a failed last engine-backup or a standing
     * backup alert makes it at least WARNING; events that could not be read change nothing (the catalog answers).
     */
    public BackupHealth withEngine(EngineBackupEvents events, Instant now) {
        List<String> more = new ArrayList<>(problems);
        List<String> engineProblems = events.problems(now);
        more.addAll(engineProblems);
        State folded = engineProblems.isEmpty() || state == State.CRITICAL ? state : State.WARNING;
        return new BackupHealth(engine, folded, newestVerified, newestFailover, newestCopied, lastFailure,
                List.copyOf(more), events);
    }

    /** No backup of {@code engine} in the catalog at all: CRITICAL. */
    public static BackupHealth none(String engine) {
        return new BackupHealth(engine, State.CRITICAL, null, null, null, null,
                List.of("no backups in the catalog; take one with `backup create`"), null);
    }

    public static Duration age(CatalogEntry e, Instant now) {
        return Duration.between(e.createdAt(), now);
    }

    /** An age as an admin reads it: 3h, 2d 4h, 15m. */
    public static String human(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + "h" + (minutes % 60 == 0 || hours >= 10 ? "" : " " + minutes % 60 + "m")
                : hours / 24 + "d" + (hours % 24 == 0 ? "" : " " + hours % 24 + "h");
    }
}
