package org.heshell.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog survives runs at once and damaged records: ids unique, records whole, damage listed not fatal. */
class CatalogTest {
    @TempDir
    Path dir;

    private static final Instant AT = Instant.parse("2026-11-25T09:31:00Z");

    private CatalogEntry entry(String id, Path file) {
        return new CatalogEntry(id, file, "engine.lab.example", "4.5.6", 1, "ab".repeat(32), AT, "engine:/x",
                "all", true, null, List.of());
    }

    /** Runs {@code task} on {@code n} threads released together. */
    private static <T> List<T> atOnce(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void runsInTheSameSecondGetDifferentIds() throws Exception {
        Catalog c = new Catalog(dir.resolve("backups"));
        List<String> ids = atOnce(8, () -> c.newId("engine.lab.example", AT));
        assertEquals(8, new HashSet<>(ids).size(), ids.toString());
        assertTrue(ids.contains("engine.lab.example-20261125-093100"), ids.toString());
        c.release("engine.lab.example-20261125-093100");
        assertEquals("engine.lab.example-20261125-093100", c.newId("engine.lab.example", AT), "a released id is free");
    }

    @Test
    void recordsWrittenAtOnceAreAllWholeAndLeaveNoTemporaryFile() throws Exception {
        Catalog c = new Catalog(dir.resolve("backups"));
        Path file = Files.writeString(dir.resolve("a.tar.gz"), "x");
        List<String> ids = atOnce(8, () -> c.newId("engine.lab.example", AT));
        // Each run records its own id, and two of them the same id at once (a verify beside a fetch).
        List<String> writes = new ArrayList<>(ids);
        writes.add(ids.get(0));
        writes.add(ids.get(0));
        java.util.Iterator<String> next = writes.iterator();
        atOnce(writes.size(), () -> {
            String id;
            synchronized (next) {
                id = next.next();
            }
            c.record(entry(id, file));
            return id;
        });
        Catalog.Listing l = c.listing();
        assertEquals(List.of(), l.damaged());
        assertEquals(Set.copyOf(ids), Set.copyOf(l.backups().stream().map(CatalogEntry::id).toList()));
        try (Stream<Path> left = Files.list(dir.resolve("backups"))) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tmp") || n.endsWith(".reserved")).toList());
        }
    }

    @Test
    void damagedRecordsAreListedAsDamagedAndNeverBreakTheOthers() throws Exception {
        Catalog c = new Catalog(dir.resolve("backups"));
        Path file = Files.writeString(dir.resolve("a.tar.gz"), "x");
        c.record(entry("good", file));
        Path d = dir.resolve("backups");
        Files.writeString(d.resolve("null.json"), "null");
        Files.writeString(d.resolve("empty.json"), "{}");
        Files.writeString(d.resolve("garbage.json"), "\u0000\u0001garbage");
        String whole = Files.readString(d.resolve("good.json"));
        Files.writeString(d.resolve("cut.json"), whole.substring(0, whole.length() / 2).replace("\"good\"", "\"cut\""));
        Files.writeString(d.resolve("other.json"), whole);
        Catalog.Listing l = c.listing();
        assertEquals(List.of("good"), l.backups().stream().map(CatalogEntry::id).toList());
        assertEquals(List.of("cut.json: it is cut short", "empty.json: it lacks id, file, createdAt, sha256",
                "garbage.json: it is not valid JSON (line 1, column 2)", "null.json: it holds no record (null)",
                "other.json: it names another backup (good)"), l.damaged().stream()
                .map(x -> x.record().getFileName() + ": " + x.problem()).toList());
        assertEquals("the catalog record " + d.resolve("null.json") + " is damaged: it holds no record (null); its"
                + " backup is not listed. Inspect its archive by path (`backup inspect FILE`), then delete the record"
                + " or take the backup again", l.damaged().get(3).advice());
        assertEquals("good", c.find("good").orElseThrow().id());
    }

    @Test
    void aBackupWhoseFileIsGoneIsListedAsMissing() throws Exception {
        Catalog c = new Catalog(dir.resolve("backups"));
        Path file = Files.writeString(dir.resolve("a.tar.gz"), "x");
        c.record(entry("kept", file));
        c.record(entry("gone", dir.resolve("deleted.tar.gz")));
        assertEquals(Set.of("gone"), c.listing().missing());
    }

    @Test
    void aRecordThatDoesNotFitOnAFullDiskSaysSoAndKeepsTheOldRecordWhole() throws Exception {
        Path full = Files.createDirectories(dir.resolve("full"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16k,mode=0700", "tmpfs",
                full.toString()).redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "a small tmpfs can be mounted here");
        try {
            Catalog c = new Catalog(full.resolve("backups"));
            Path archive = dir.resolve("verified.tar.gz");
            c.record(entry("before", archive));
            String whole = Files.readString(full.resolve("backups/before.json"));
            try (var out = Files.newOutputStream(full.resolve("filler"))) {
                out.write(new byte[64 << 10]);
            } catch (java.io.IOException expected) {
                // the disk is full now
            }
            BackupFormatException e = org.junit.jupiter.api.Assertions.assertThrows(BackupFormatException.class,
                    () -> c.record(entry("before", archive)));
            assertTrue(e.getMessage().startsWith("cannot record backup before in " + full.resolve("backups")
                    + " (No space left on device); its archive " + archive + " is kept: free space, then check it"
                    + " with `backup verify " + archive + "`"), e.getMessage());
            assertEquals(whole, Files.readString(full.resolve("backups/before.json")), "the old record is whole");
            try (Stream<Path> left = Files.list(full.resolve("backups"))) {
                assertEquals(List.of("before.json"), left.map(p -> p.getFileName().toString()).toList());
            }
        } finally {
            new ProcessBuilder("umount", full.toString()).start().waitFor();
        }
    }
}
