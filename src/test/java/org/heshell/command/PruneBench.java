package org.heshell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.heshell.backup.Catalog;
import org.heshell.backup.CatalogEntry;

/**
 * For bench/prune: a catalog of COUNT backups in DIR, one every six hours back from now (each with a small archive
 * file of its own, every fourth taken with a failover host), recorded as heshell records them.
 * Arguments: DIR COUNT.
 */
public final class PruneBench {
    private static final java.time.format.DateTimeFormatter ID_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);

    private PruneBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Files.createDirectories(dir);
        Catalog catalog = new Catalog(dir);
        Instant newest = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] archive = new byte[1024];
        for (int i = 0; i < count; i++) {
            Instant at = newest.minus(Duration.ofHours(6L * i));
            String id = "engine.lab.example-" + ID_TIME.format(at);
            Path file = Files.write(dir.resolve(id + ".tar.gz"), archive);
            catalog.record(new CatalogEntry(id, file, "engine.lab.example", "4.5.6", archive.length,
                    "00".repeat(32), at, "engine.lab.example:/root/" + id + ".tar.gz", "all", true,
                    i % 4 == 0 ? "Host 1" : null, List.of("Host 1", "Host 2", "Host 3")));
        }
    }
}
