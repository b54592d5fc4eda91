package org.heshell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.heshell.backup.Catalog;
import org.heshell.backup.CatalogEntry;
import org.heshell.render.TextRenderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `backup check` goes from OK to WARNING to CRITICAL as the catalog's backups age or fail. */
class BackupCheckTest {
    @TempDir
    Path dir;
    Catalog catalog;
    Commands commands;

    @BeforeEach
    void catalog() {
        catalog = new Catalog(dir.resolve("backups"));
        catalog.ensure();
        commands = new Commands(new CommandContext(null, (org.heshell.engine.EngineSession) null));
        commands.provide(Catalog.class, catalog);
        Commands.builtins().forEach(commands::add);
    }

    /** A backup of {@code engine} taken {@code hoursAgo} hours ago, its archive on disk. */
    private void backup(String engine, double hoursAgo, boolean verified, String failover) throws Exception {
        Instant at = Instant.now().minus(Duration.ofMinutes((long) (hoursAgo * 60)));
        String id = engine + "-" + at.getEpochSecond();
        Path file = Files.writeString(catalog.dir().resolve(id + ".tar.gz"), "archive");
        catalog.record(new CatalogEntry(id, file, engine, "4.5.6", 7, "0".repeat(64), at, engine + ":/b", "all",
                verified, failover, List.of()));
    }

    private Result.BackupChecked check(String... args) {
        List<String> argv = new ArrayList<>(List.of("backup", "check"));
        argv.addAll(List.of(args));
        return (Result.BackupChecked) commands.execute(argv);
    }

    private static String line(Result r) {
        return new TextRenderer(false, 200).render(r);
    }

    @Test
    void fromOkToWarningToCriticalAsTheBackupsAgeOrFail() throws Exception {
        Result.BackupChecked empty = check();
        assertEquals(2, empty.exitCode());
        assertEquals("BACKUP CRITICAL - no backups in the catalog; take one with `backup create`", line(empty));

        backup("engine.lab.example", 3, true, "Host 1");
        Result.BackupChecked ok = check("--max-age", "26h");
        assertEquals(0, ok.exitCode());
        assertTrue(line(ok).matches("BACKUP OK - engine\\.lab\\.example: newest verified backup 3h old, with"
                + " failover host Host 1 3h old \\| 'engine\\.lab\\.example age'=108\\d\\ds;93600;187200;0"),
                line(ok));

        Result.BackupChecked aged = check("--max-age", "2h");
        assertEquals(1, aged.exitCode());
        assertTrue(line(aged).startsWith("BACKUP WARNING - engine.lab.example: newest verified backup is 3h old"
                + " (warning: 2h); newest backup with a failover host is 3h old |"), line(aged));

        backup("engine.lab.example", 1, false, null);
        Result.BackupChecked failed = check("--max-age", "26h");
        assertEquals(1, failed.exitCode());
        assertTrue(line(failed).contains("the newest backup engine.lab.example-"), line(failed));
        assertTrue(line(failed).contains("is not usable"), line(failed));

        Result.BackupChecked critical = check("--max-age", "1h", "--critical-age", "2h");
        assertEquals(2, critical.exitCode());
        assertTrue(line(critical).startsWith("BACKUP CRITICAL - engine.lab.example: newest verified backup is 3h old"
                + " (critical: 2h)"), line(critical));
    }

    @Test
    void aMissingArchiveIsNoBackupAndEveryEngineIsJudgedOnItsOwn() throws Exception {
        backup("engine.lab.example", 2, true, "Host 1");
        backup("other.lab.example", 2, true, null);
        try (var files = Files.list(catalog.dir())) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("engine.")
                    && f.toString().endsWith(".tar.gz")).toList()) {
                Files.delete(f);
            }
        }
        Result.BackupChecked r = check();
        assertEquals(2, r.exitCode());
        assertTrue(line(r).startsWith("BACKUP CRITICAL - engine.lab.example CRITICAL: no verified backup;"
                + " the newest backup engine.lab.example-"), line(r));
        assertTrue(line(r).contains("; other.lab.example WARNING: no verified backup was taken with a failover host"),
                line(r));
    }

    @Test
    void withACopyAgeABackupWithoutACopyElsewhereWarns() throws Exception {
        backup("engine.lab.example", 3, true, "Host 1");
        Result.BackupChecked none = check("--max-copy-age", "26h");
        assertEquals(1, none.exitCode());
        assertTrue(line(none).startsWith("BACKUP WARNING - engine.lab.example: no backup has a copy elsewhere"
                + " (backup copy)"), line(none));
        CatalogEntry e = catalog.list().get(0);
        catalog.record(e.withCopy(new org.heshell.backup.BackupCopy("/mnt/b/x.tar.gz", Instant.now(), Instant.now(),
                true)));
        Result.BackupChecked copied = check("--max-copy-age", "26h");
        assertEquals(0, copied.exitCode(), line(copied));
        assertTrue(line(copied).contains(", copied elsewhere 3h old |"), line(copied));
    }

    @Test
    void metricsAreWrittenInPrometheusTextFormat() throws Exception {
        backup("engine.lab.example", 3, true, "Host 1");
        Path prom = dir.resolve("heshell.prom");
        check("--metrics", prom.toString());
        String text = Files.readString(prom);
        assertTrue(text.contains("# TYPE heshell_backup_status gauge\nheshell_backup_status{engine=\"engine.lab"
                + ".example\"} 0\n"), text);
        assertTrue(text.matches("(?s).*heshell_backup_newest_verified_timestamp_seconds\\{engine=\"engine\\.lab"
                + "\\.example\"} \\d{10}\n.*"), text);
        assertTrue(!text.contains("heshell_backup_last_failure_timestamp_seconds{"), "no failure, no sample");
    }

    @Test
    void badAgesAndAMissingMetricsDirectoryAreOneLine() {
        assertEquals("--max-age '26 hours' is not an age; write a number and s, m, h or d (e.g. 26h)",
                assertThrows(CommandException.class, () -> check("--max-age", "26 hours")).getMessage());
        assertEquals("--critical-age 1h is shorter than --max-age 26h; give a critical age at least as long",
                assertThrows(CommandException.class, () -> check("--critical-age", "1h")).getMessage());
        assertTrue(assertThrows(CommandException.class, () -> check("--metrics", dir.resolve("no/such.prom")
                .toString())).getMessage().endsWith("its directory does not exist; create it first"));
    }
}
