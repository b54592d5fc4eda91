package org.heshell.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.heshell.backup.BackupArchive;
import org.heshell.backup.BackupContents;
import org.heshell.backup.PostgresFixture;
import org.heshell.engine.EngineSession;
import org.heshell.model.Environment;
import org.heshell.model.EnvironmentDiff;
import org.heshell.model.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's engine-backup output: the real archive format, readable by heshell and by the real tools. */
class LabBackupTest {
    @TempDir
    Path dir;

    @Test
    void aBackupOfTheLabHoldsTheLiveEnvironment() throws Exception {
        try (LabFixture lab = LabFixture.start(dir.resolve("lab")); EngineSession s = lab.session()) {
            Host h1 = s.read().findHost("Host 1").orElseThrow();
            s.deactivate(h1);
            org.heshell.engine.HostWait.until(s, s.read(), h1, java.util.EnumSet.of(
                    org.heshell.model.HostStatus.MAINTENANCE), java.time.Duration.ofSeconds(30),
                    org.heshell.engine.Progress.NONE);
            Environment live = s.read();
            Path archive = dir.resolve("engine-backup.tar.gz");
            LabBackup.write(new LabDir(dir.resolve("lab")), lab.lab().world().snapshot(), "all", archive);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));

            BackupContents b = BackupArchive.inspect(archive);
            assertEquals("engine.lab.example", b.engineFqdn());
            assertEquals(new org.heshell.backup.FilesPart(6, "engine.lab.example", true, true, true), b.files(),
                    "engine-backup's files: settings, setup answers, the engine PKI");
            assertEquals("4.5.6", b.engineVersion());
            assertEquals(LabBackup.SCHEMA_VERSION, b.schemaVersion());
            assertEquals(List.of("Host 1"), b.failoverHosts().stream().map(Host::name).toList());
            EnvironmentDiff d = EnvironmentDiff.between(live, b.environment());
            assertTrue(d.isEmpty(), "the backup holds exactly the live environment: " + d);
            assertEquals(List.of("config", "db/engine_backup.db", "files", "os_version", "version"),
                    b.verifiedEntries().stream().sorted().toList());
        }
    }

    @Test
    void theRealToolsReadTheLabsArchiveAndDump() throws Exception {
        PostgresFixture.requireOrSkip();
        try (LabFixture lab = LabFixture.start(dir.resolve("lab"))) {
            Path archive = dir.resolve("b.tar.gz");
            LabBackup.write(new LabDir(dir.resolve("lab")), lab.lab().world().snapshot(), "all", archive);
            String listing = PostgresFixture.run(List.of("tar", "tzf", archive.toString()));
            for (String entry : List.of("./version", "./config", "./files", "./db/engine_backup.db", "./sha256sum")) {
                assertTrue(listing.lines().anyMatch(entry::equals), entry + " in " + listing);
            }
            Path x = dir.resolve("x");
            Files.createDirectories(x);
            PostgresFixture.run(List.of("tar", "-C", x.toString(), "-xzf", archive.toString()));
            PostgresFixture.run(List.of("sh", "-c", "cd " + x + " && sha256sum -c --quiet sha256sum"));
            String list = PostgresFixture.run(List.of("pg_restore", "--list", x.resolve("db/engine_backup.db")
                    .toString()));
            assertTrue(list.contains("TABLE DATA public vds_static engine"), list);
            String files = PostgresFixture.run(List.of("tar", "tJf", x.resolve("files").toString()));
            assertTrue(files.contains("etc/pki/ovirt-engine/private/ca.pem"), files);

            // Both ways a DBA loads a dump give back the lab's hosts and VMs.
            Path dump = x.resolve("db/engine_backup.db");
            String hosts = "SELECT string_agg(vds_name, ',' ORDER BY vds_name) FROM vds_static";
            String running = "SELECT count(*) FROM vm_static s JOIN vm_dynamic d USING (vm_guid)"
                    + " WHERE d.status = 1 AND s.origin = 0";
            try (PostgresFixture pg = PostgresFixture.start()) {
                pg.restore(dump);
                pg.restoreThroughPsql(dump, "viapsql");
                for (String db : List.of("engine", "viapsql")) {
                    assertEquals("Host 1,Host 2,Host 3", pg.query(db, hosts), db);
                    assertEquals("6", pg.query(db, running), db);
                    assertEquals("HostedEngine", pg.query(db, "SELECT vm_name FROM vm_static WHERE origin = 6"), db);
                }
            }
        }
    }
}
