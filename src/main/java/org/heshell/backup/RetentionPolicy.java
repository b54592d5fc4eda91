package org.heshell.backup;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which backups a keep-policy keeps, with restic's semantics (which Proxmox Backup Server's match for these four
 * rules): {@code last} keeps the N newest; {@code daily}, {@code weekly} and {@code monthly} keep the newest
 * backup of each of the N most recent days, ISO weeks or months that have a backup at all (a day without a
 * backup does not use up a slot). A backup kept by several rules names them all. Days are local days in
 * {@code zone}: an admin's "Monday's backup" is the one taken on their Monday.
 *
 * <p>Two backups are always kept, whatever the policy: the newest verified one (the one to restore from), and the
 * newest one taken with a failover host (the only kind a restore on that host can use).
 */
public record RetentionPolicy(int last, int daily, int weekly, int monthly) {
    public static final String NEWEST_VERIFIED = "the newest verified backup";
    public static final String NEWEST_FAILOVER = "the newest backup with a failover host";

    public RetentionPolicy {
        if (last < 0 || daily < 0 || weekly < 0 || monthly < 0) {
            throw new IllegalArgumentException("keep counts cannot be negative");
        }
    }

    /** True when no rule keeps anything: such a policy would remove every backup but the protected ones. */
    public boolean keepsNothing() {
        return last + daily + weekly + monthly == 0;
    }

    /** A backup and why it stays ({@code keptBy} not empty) or goes. */
    public record Verdict(CatalogEntry entry, List<String> keptBy) {
        public boolean kept() {
            return !keptBy.isEmpty();
        }
    }

    /** The verdict on each of {@code entries}, newest first. */
    public List<Verdict> apply(List<CatalogEntry> entries, ZoneId zone) {
        List<CatalogEntry> newestFirst = entries.stream()
                .sorted(Comparator.comparing(CatalogEntry::createdAt).reversed()).toList();
        Map<CatalogEntry, List<String>> reasons = new LinkedHashMap<>();
        newestFirst.forEach(e -> reasons.put(e, new ArrayList<>()));
        for (int i = 0; i < Math.min(last, newestFirst.size()); i++) {
            reasons.get(newestFirst.get(i)).add("keep-last " + last);
        }
        bucket(newestFirst, reasons, daily, "keep-daily", e -> day(e, zone));
        bucket(newestFirst, reasons, weekly, "keep-weekly", e -> {
            LocalDate d = day(e, zone);
            return d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        });
        bucket(newestFirst, reasons, monthly, "keep-monthly", e -> {
            LocalDate d = day(e, zone);
            return d.getYear() + "-" + d.getMonthValue();
        });
        newestFirst.stream().filter(CatalogEntry::verified).findFirst()
                .ifPresent(e -> reasons.get(e).add(NEWEST_VERIFIED));
        newestFirst.stream().filter(e -> e.failoverHost() != null).findFirst()
                .ifPresent(e -> reasons.get(e).add(NEWEST_FAILOVER));
        return newestFirst.stream().map(e -> new Verdict(e, List.copyOf(reasons.get(e)))).toList();
    }

    /** Keeps the newest backup of each of the {@code count} most recent periods that have one. */
    private static void bucket(List<CatalogEntry> newestFirst, Map<CatalogEntry, List<String>> reasons, int count,
                               String rule, Function<CatalogEntry, Object> period) {
        Set<Object> seen = new HashSet<>();
        for (CatalogEntry e : newestFirst) {
            if (seen.size() == count) {
                return;
            }
            if (seen.add(period.apply(e))) {
                reasons.get(e).add(rule + " " + count);
            }
        }
    }

    private static LocalDate day(CatalogEntry e, ZoneId zone) {
        return e.createdAt().atZone(zone).toLocalDate();
    }
}
