package org.heshell.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Keep-policies on simulated nights of backups: the set kept, and the rule named for each. */
public class RetentionPolicyTest {
    /** A nightly backup at 01:00 UTC on 2026-11-DAY. */
    public static CatalogEntry night(int day, boolean verified, String failover) {
        String id = String.format("engine.lab.example-202611%02d-010000", day);
        return new CatalogEntry(id, Path.of("/backups/" + id + ".tar.gz"), "engine.lab.example", "4.5.6", 4096,
                "0".repeat(64), Instant.parse(String.format("2026-11-%02dT01:00:00Z", day)), "engine:/b", "all",
                verified, failover, List.of());
    }

    public static List<CatalogEntry> threeWeeks() {
        List<CatalogEntry> all = new ArrayList<>();
        for (int day = 1; day <= 21; day++) {
            // The newest night failed to verify; only the backup of the 3rd was taken with a failover host.
            all.add(night(day, day != 21, day == 3 ? "Host 1" : null));
        }
        return all;
    }

    static String kept(List<RetentionPolicy.Verdict> verdicts) {
        return verdicts.stream().filter(RetentionPolicy.Verdict::kept)
                .map(v -> v.entry().createdAt().atZone(ZoneOffset.UTC).getDayOfMonth() + "")
                .collect(Collectors.joining(" "));
    }

    @Test
    void aGrandfatherFatherSonPolicyOverThreeWeeksOfNightsKeepsExactlyItsSet() {
        List<RetentionPolicy.Verdict> v = new RetentionPolicy(0, 7, 4, 2).apply(threeWeeks(), ZoneOffset.UTC);
        // daily: the 15th to the 21st; weekly (ISO weeks, Monday first): the 21st, 15th, 8th and 1st; monthly: only
        // November has backups; the 3rd: the newest taken with a failover host.
        assertEquals("21 20 19 18 17 16 15 8 3 1", kept(v));
        assertEquals(21, v.size());
        assertEquals(List.of("keep-daily 7", "keep-weekly 4", "keep-monthly 2"), v.get(0).keptBy());
        assertEquals(List.of("keep-daily 7", RetentionPolicy.NEWEST_VERIFIED), v.get(1).keptBy());
        assertEquals(List.of(RetentionPolicy.NEWEST_FAILOVER), v.stream().filter(x -> x.entry().id()
                .endsWith("20261103-010000")).findFirst().orElseThrow().keptBy());
        assertEquals(List.of("keep-weekly 4"), v.get(13).keptBy(), "the 8th");
    }

    @Test
    void keepLastKeepsTheNewestAndTheProtectedOnesStayWhateverThePolicy() {
        List<RetentionPolicy.Verdict> v = new RetentionPolicy(1, 0, 0, 0).apply(threeWeeks(), ZoneOffset.UTC);
        assertEquals("21 20 3", kept(v));
        assertEquals(List.of("keep-last 1"), v.get(0).keptBy());
    }

    @Test
    void aDayWithoutABackupUsesNoSlotAndDaysAreTheAdminsLocalDays() {
        List<CatalogEntry> gaps = List.of(night(1, true, null), night(5, true, null), night(9, true, null));
        assertEquals("9 5", kept(new RetentionPolicy(0, 2, 0, 0).apply(gaps, ZoneOffset.UTC)));
        // 01:00 UTC on the 2nd and 23:00 UTC the same day are two days in Tokyo (+9), one in UTC.
        CatalogEntry early = night(2, true, null);
        CatalogEntry late = new CatalogEntry("late", Path.of("/b/late"), "e", "4.5.6", 1, "0", Instant.parse(
                "2026-11-02T23:00:00Z"), "s", "all", true, null, List.of());
        assertEquals(1, new RetentionPolicy(0, 2, 0, 0).apply(List.of(early, late), ZoneOffset.UTC).stream()
                .filter(x -> x.keptBy().contains("keep-daily 2")).count());
        assertEquals(2, new RetentionPolicy(0, 2, 0, 0).apply(List.of(early, late), ZoneId.of("Asia/Tokyo"))
                .stream().filter(x -> x.keptBy().contains("keep-daily 2")).count());
        assertTrue(new RetentionPolicy(0, 0, 0, 0).keepsNothing());
    }
}
