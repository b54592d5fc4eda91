package org.heshell.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.HostStatus;
import org.heshell.model.Vm;
import org.heshell.model.VmStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real pg_dump output of tables with oVirt's names, packed by the real tar as engine-backup packs it. */
class BackupArchiveTest {
    @TempDir
    static Path work;
    static Path customGzip;
    static Path customPlainZ0;
    static Path plainDump;

    @BeforeAll
    static void dumps() throws Exception {
        PostgresFixture.requireOrSkip();
        try (PostgresFixture pg = PostgresFixture.start()) {
            pg.sql("engine", EngineBackupFixture.SCHEMA + EngineBackupFixture.FAILOVER_DATA);
            customGzip = pg.dump(work.resolve("custom.dump"), "-Fc");
            customPlainZ0 = pg.dump(work.resolve("custom0.dump"), "-Fc", "-Z0");
            plainDump = pg.dump(work.resolve("plain.sql"), "-Fp");
        }
    }

    @AfterAll
    static void done() {
    }

    static Map<String, List<String>> placement(Environment env) {
        return env.hosts().stream().collect(Collectors.toMap(Host::name,
                h -> env.vmsOn(h.id()).stream().map(Vm::name).sorted().toList()));
    }

    private static void assertFailoverEnvironment(BackupContents b) {
        Environment env = b.environment();
        assertEquals("engine.lab.example", b.engineFqdn());
        assertEquals(new FilesPart(4, "engine.lab.example", true, true, true), b.files());
        assertEquals(List.of(), b.files().missing());
        assertEquals("4.5.6", b.engineVersion());
        assertEquals("rhel-8.10", b.osVersion());
        assertEquals("04050910", b.schemaVersion(), "the newest installed script");
        assertEquals(List.of("Host 1", "Host 2", "Host 3"), env.hosts().stream().map(Host::name).toList());
        Host h1 = env.findHost("Host 1").orElseThrow();
        assertEquals(HostStatus.MAINTENANCE, h1.status());
        assertEquals(List.of("192.0.2.11", "198.51.100.11"), h1.ips());
        assertEquals("uid-1", h1.uniqueId());
        assertEquals("Default", h1.cluster());
        assertTrue(h1.hostedEngine().configured() && h1.hostedEngine().localMaintenance());
        assertEquals(3400, env.findHost("Host 2").orElseThrow().hostedEngine().score());
        assertEquals(env.findHost("Host 3").orElseThrow(), env.findHost("host3.lab.example").orElseThrow());
        assertEquals(7, env.vms().size(), "the template is not a VM");
        assertEquals("HostedEngine", env.engineVm().orElseThrow().name());
        assertEquals("Host 2", env.engineHost().orElseThrow().name());
        Map<String, List<String>> p = placement(env);
        assertEquals(List.of(), p.get("Host 1"));
        assertEquals(List.of("HostedEngine", "vm3", "vm4"), p.get("Host 2"));
        assertEquals(List.of("vm1\twith a tab", "vm2 ünïcode", "vm5"), p.get("Host 3"));
        assertEquals(VmStatus.DOWN, env.findVm("vm6").orElseThrow().status());
        assertNull(env.findVm("vm6").orElseThrow().hostId());
        assertEquals(List.of("Host 1"), b.failoverHosts().stream().map(Host::name).toList());
        assertEquals(List.of("Host 2", "Host 3"), b.loadedHosts().stream().map(Host::name).toList());
        assertTrue(b.verifiedEntries().containsAll(List.of("db/engine_backup.db", "files", "version", "config")),
                b.verifiedEntries().toString());
        assertEquals("sha256sum", b.checksumFile());
    }

    @Test
    void customFormatInATarGz() throws Exception {
        Path a = EngineBackupFixture.pack(work, customGzip, "custom", "engine.lab.example", "z");
        BackupContents b = BackupArchive.inspect(a);
        assertFailoverEnvironment(b);
        assertEquals("custom", b.dump().format());
        assertEquals("gzip", b.dump().compression());
        assertTrue(b.dump().archiveVersion().startsWith("1.14"), b.dump().archiveVersion());
        assertTrue(b.dump().serverVersion().startsWith("15."), b.dump().serverVersion());
        assertEquals(List.of("db", "files"), b.scope());
    }

    @Test
    void uncompressedCustomFormatInATarBz2() throws Exception {
        BackupContents b = BackupArchive.inspect(EngineBackupFixture.pack(work, customPlainZ0, "custom",
                "engine.lab.example", "j"));
        assertFailoverEnvironment(b);
        assertEquals("none", b.dump().compression());
    }

    @Test
    void plainFormatInATarXzAndInAnUncompressedTar() throws Exception {
        String plain = Files.readString(plainDump);
        assertTrue(plain.lines().anyMatch(l -> l.startsWith("\\restrict ")) || !plain.contains("\\restrict"),
                "PostgreSQL 15.14+ writes a \\restrict line; the reader passes over it either way");
        assertFailoverEnvironment(BackupArchive.inspect(EngineBackupFixture.pack(work, plainDump, "plain",
                "engine.lab.example", "J")));
        BackupContents none = BackupArchive.inspect(EngineBackupFixture.pack(work, plainDump, "plain",
                "engine.lab.example", ""));
        assertFailoverEnvironment(none);
        assertEquals("plain", none.dump().format());
    }

    @Test
    void aDumpCompressedAsAWholeIsReadToo() throws Exception {
        Path gz = work.resolve("custom.dump.gz");
        PostgresFixture.run(List.of("sh", "-c", "gzip -c " + customGzip + " > " + gz));
        assertFailoverEnvironment(BackupArchive.inspect(EngineBackupFixture.pack(work, gz, "custom",
                "engine.lab.example", "z")));
    }

    @Test
    void aTamperedEntryIsNamed() throws Exception {
        Path tampered = work.resolve("tampered.dump");
        byte[] bytes = Files.readAllBytes(customPlainZ0);
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("HostedEngine");
        bytes[at] = 'h'; // same length, still a valid dump: only the checksum can tell
        Files.write(tampered, bytes);
        Path a = EngineBackupFixture.pack(work, customPlainZ0, "custom", "engine.lab.example", "z");
        Path swapped = work.resolve("swapped.tar.gz");
        // Rebuild the same archive with the tampered dump but the original checksums.
        Path dir = work.resolve("swap");
        Files.createDirectories(dir);
        PostgresFixture.run(List.of("tar", "-C", dir.toString(), "-xzf", a.toString()));
        Files.copy(tampered, dir.resolve("db/engine_backup.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        PostgresFixture.run(List.of("tar", "-C", dir.toString(), "-czf", swapped.toString(), "."));
        BackupFormatException e = assertThrows(BackupFormatException.class, () -> BackupArchive.inspect(swapped));
        assertTrue(e.getMessage().contains("checksum mismatch for ./db/engine_backup.db"), e.getMessage());
        assertTrue(e.getMessage().contains("do not restore from it"), e.getMessage());
    }

    @Test
    void aBackupWithoutADatabaseOrWithAnotherDatabaseIsRefusedClearly() throws Exception {
        Path dir = work.resolve("files-only");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("version"), "4.5.6\n");
        Files.writeString(dir.resolve("sha256sum"), Checksums.sha256(dir.resolve("version"))
                + "  version\n");
        Path filesOnly = work.resolve("files-only.tar.gz");
        PostgresFixture.run(List.of("tar", "-C", dir.toString(), "-czf", filesOnly.toString(), "."));
        BackupFormatException e = assertThrows(BackupFormatException.class, () -> BackupArchive.inspect(filesOnly));
        assertTrue(e.getMessage().contains("holds no engine database"), e.getMessage());

        Path other;
        try (PostgresFixture pg = PostgresFixture.start()) {
            pg.sql("engine", "CREATE TABLE customers (id int, name text); INSERT INTO customers VALUES (1, 'x');");
            other = pg.dump(work.resolve("other.dump"), "-Fc");
        }
        Path a = EngineBackupFixture.pack(work, other, "custom", "engine.lab.example", "z");
        BackupFormatException e2 = assertThrows(BackupFormatException.class, () -> BackupArchive.inspect(a));
        assertTrue(e2.getMessage().contains("dump of another database"), e2.getMessage());
    }

    @Test
    void foreignAndTruncatedFilesAreOneClearLine() throws Exception {
        Path random = work.resolve("random.bin");
        byte[] noise = new byte[100_000];
        new java.util.Random(7).nextBytes(noise);
        Files.write(random, noise);
        BackupFormatException r = assertThrows(BackupFormatException.class, () -> BackupArchive.inspect(random));
        assertTrue(r.getMessage().contains("random.bin"), r.getMessage());

        Path a = EngineBackupFixture.pack(work, customGzip, "custom", "engine.lab.example", "z");
        byte[] whole = Files.readAllBytes(a);
        Path cut = work.resolve("cut.tar.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        BackupFormatException t = assertThrows(BackupFormatException.class, () -> BackupArchive.inspect(cut));
        assertFalse(t.getMessage().contains("\n"), t.getMessage());

        BackupFormatException missing = assertThrows(BackupFormatException.class,
                () -> BackupArchive.inspect(work.resolve("nope.tar.gz")));
        assertEquals("no backup file " + work.resolve("nope.tar.gz"), missing.getMessage());
    }
}
