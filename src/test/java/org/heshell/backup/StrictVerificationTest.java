package org.heshell.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `backup verify` accepts, the real restore path (GNU tar, gzip/bzip2/xz, sha256sum) takes whole: each damage
 * here is refused by heshell in one line naming it, and shown to be refused or mis-restored by the real tool too.
 */
class StrictVerificationTest {
    @TempDir
    static Path work;
    static Path dump;
    static byte[] tar;

    @BeforeAll
    static void base() throws Exception {
        PostgresFixture.requireOrSkip();
        try (PostgresFixture pg = PostgresFixture.start()) {
            pg.sql("engine", EngineBackupFixture.SCHEMA + EngineBackupFixture.FAILOVER_DATA);
            dump = pg.dump(work.resolve("engine.dump"), "-Fc");
        }
        tar = Files.readAllBytes(EngineBackupFixture.pack(work, dump, "custom", "engine.lab.example", ""));
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(work.resolve(name), bytes);
    }

    private static String refused(Path archive) {
        BackupFormatException e = assertThrows(BackupFormatException.class, () -> BackupArchive.inspect(archive));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    /** The exit code of a real tool run on {@code archive}. */
    static int tool(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " hangs");
        }
        return p.exitValue();
    }

    /** The offset of the header of the entry named {@code name} in an uncompressed tar. */
    static int header(byte[] tar, String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + 512 <= tar.length; at += 512) {
            if (Arrays.equals(Arrays.copyOfRange(tar, at, at + n.length), n) && tar[at + n.length] == 0) {
                return at;
            }
        }
        throw new AssertionError("no header " + name);
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void theBaseArchiveVerifiesAndEveryEntryIsCovered() throws Exception {
        BackupContents c = BackupArchive.inspect(write("good.tar", tar));
        assertEquals(List.of("config", "db/engine_backup.db", "files", "os_version", "version"),
                c.verifiedEntries().stream().sorted().toList());
    }

    @Test
    void aFlippedHeaderByteIsRefusedAsGnuTarSkipsTheEntry() throws Exception {
        byte[] b = tar.clone();
        int at = header(b, "./db/engine_backup.db");
        b[at + 136] ^= 1; // the mtime: the entry still parses, only the checksum tells
        Path bad = write("flipped.tar", b);
        assertEquals("flipped.tar: the tar header at byte " + at + " has a wrong checksum; GNU tar skips such an"
                + " entry, so the archive is damaged", refused(bad));
        assertNotEquals(0, tool(work, "tar", "-tf", bad.toString()), "GNU tar refuses it too");
        assertTrue(refused(write("flipped.tar.gz", gzip(b))).contains("has a wrong checksum"));
    }

    @Test
    void theGzipTrailerIsChecked() throws Exception {
        byte[] gz = gzip(tar);
        byte[] crc = gz.clone();
        crc[crc.length - 6] ^= 0x40;
        byte[] size = gz.clone();
        size[size.length - 2] ^= 1;
        byte[] garbage = Arrays.copyOf(gz, gz.length + 8);
        System.arraycopy("garbage\n".getBytes(StandardCharsets.US_ASCII), 0, garbage, gz.length, 8);
        byte[] cut = Arrays.copyOf(gz, gz.length - 3);
        assertTrue(refused(write("crc.tar.gz", crc)).contains("the gzip data is corrupt"), "CRC32");
        assertTrue(refused(write("size.tar.gz", size)).contains("the gzip data is corrupt"), "length");
        assertEquals("garbage.tar.gz: bytes after the end of the gzip stream; gzip calls them trailing garbage and"
                + " tar fails on them, so the archive is damaged", refused(write("garbage.tar.gz", garbage)));
        assertTrue(refused(write("cut.tar.gz", cut)).contains("the gzip stream is cut short"), "cut trailer");
        for (String name : List.of("crc.tar.gz", "size.tar.gz", "garbage.tar.gz", "cut.tar.gz")) {
            assertNotEquals(0, tool(work, "tar", "-tzf", name), "tar -tzf " + name + " fails too");
        }
        // Concatenated members are one valid gzip stream, as gzip -d reads them.
        byte[] half = gzip(Arrays.copyOf(tar, 10240));
        byte[] rest = gzip(Arrays.copyOfRange(tar, 10240, tar.length));
        byte[] two = Arrays.copyOf(half, half.length + rest.length);
        System.arraycopy(rest, 0, two, half.length, rest.length);
        BackupArchive.inspect(write("two-members.tar.gz", two));
    }

    @Test
    void bzip2AndXzIntegrityIsChecked() throws Exception {
        Path plain = write("plain.tar", tar);
        for (String[] c : new String[][] {{"bzip2", ".bz2"}, {"xz", ".xz"}}) {
            assertEquals(0, tool(work, "sh", "-c", c[0] + " -k -f plain.tar"));
            byte[] packed = Files.readAllBytes(work.resolve("plain.tar" + c[1]));
            BackupArchive.inspect(work.resolve("plain.tar" + c[1]));
            byte[] damaged = packed.clone();
            damaged[damaged.length / 2] ^= 0x10;
            String name = "damaged.tar" + c[1];
            String m = refused(write(name, damaged));
            assertTrue(m.contains("the " + c[0] + " data is corrupt") || m.contains("checksum"), m);
            assertNotEquals(0, tool(work, c[0], "-t", name), c[0] + " -t refuses it too");
            String cutName = "cut.tar" + c[1];
            String cut = refused(write(cutName, Arrays.copyOf(packed, packed.length - 8)));
            assertTrue(cut.contains(c[0] + " stream is cut short") || cut.contains(c[0] + " data is corrupt"), cut);
        }
        assertTrue(Files.exists(plain));
    }

    /** The backup unpacked by the real tar, changed by {@code change}, packed again the same way (gzip). */
    private static Path repack(String name, String change) throws Exception {
        Path dir = Files.createDirectories(work.resolve("unpacked-" + name));
        Files.write(work.resolve("repack.tar"), tar);
        assertEquals(0, tool(dir, "tar", "-xf", work.resolve("repack.tar").toString()));
        assertEquals(0, tool(dir, "sh", "-c", change));
        Path out = work.resolve(name);
        assertEquals(0, tool(dir, "tar", "-czf", out.toString(), "."));
        return out;
    }

    @Test
    void theChecksumFileMustCoverEveryEntryExactly() throws Exception {
        assertEquals("empty.tar.gz: ./sha256sum lists no entries, so nothing in the archive can be checked; it is"
                + " not a verifiable backup", refused(repack("empty.tar.gz", ": > sha256sum")));
        // A database replaced and its line removed: sha256sum -c is content, so only coverage can tell.
        Path replaced = repack("replaced.tar.gz", "printf 'PGDMP' > db/engine_backup.db.x && cp db/engine_backup.db"
                + " db/x && mv db/x db/engine_backup.db && grep -v engine_backup sha256sum > s && mv s sha256sum");
        assertEquals("replaced.tar.gz: ./db/engine_backup.db is in the archive but ./sha256sum does not list it, so"
                + " it cannot be checked; the backup was altered, do not restore from it", refused(replaced));
        assertTrue(refused(repack("missing.tar.gz", "rm files")).startsWith("missing.tar.gz: ./sha256sum lists files"
                + " but the archive does not hold it"));
        assertTrue(refused(repack("extra.tar.gz", "echo x > extra")).contains("./extra is in the archive but"));
    }

    @Test
    void aDuplicateEntryIsRefusedAsTarWouldRestoreOnlyTheLast() throws Exception {
        Path dir = Files.createDirectories(work.resolve("dup"));
        Path dup = work.resolve("dup.tar");
        Files.write(dup, tar);
        Files.createDirectories(dir.resolve("db"));
        Files.write(dir.resolve("db/engine_backup.db"), Files.readAllBytes(dump));
        assertEquals(0, tool(dir, "tar", "-rf", dup.toString(), "./db/engine_backup.db"));
        assertEquals("dup.tar: ./db/engine_backup.db appears twice in the archive; tar would restore only the last"
                + " one, so which is meant cannot be told and the archive is refused", refused(dup));
    }

    @Test
    void aFileTwiceInTheInnerFilesTarIsRefusedAsTarWouldRestoreOnlyTheLast() throws Exception {
        String conf = "etc/ovirt-engine/engine.conf.d/10-setup-protocols.conf";
        Path dup = repack("inner-dup.tar.gz", "mkdir g && tar -C g -xJf files && printf 'ENGINE_FQDN=other.example\\n'"
                + " > g/" + conf + " && xz -dc files > files.tar && tar -C g -rf files.tar " + conf
                + " && xz -c files.tar > files && rm -rf g files.tar"
                + " && find . -type f ! -name sha256sum -printf '%P\\n' | sort | xargs sha256sum > s && mv s sha256sum");
        assertEquals("inner-dup.tar.gz: entry ./files: ./" + conf + " appears twice in the archive; tar would restore"
                + " only the last one, so which is meant cannot be told and the archive is refused", refused(dup));
        // GNU tar, as engine-backup's restore runs it, keeps the second: the engine would come back as another FQDN
        Path out = Files.createDirectories(work.resolve("inner-dup"));
        assertEquals(0, tool(out, "sh", "-c", "tar -xzf " + dup + " ./files && tar -xJf files"));
        assertEquals("ENGINE_FQDN=other.example\n", Files.readString(out.resolve(conf)));
    }

    @Test
    void whatIsNotATarIsNamedForWhatItIs() throws Exception {
        assertEquals("/dev/null is a character device, not a tar archive; give the path of an engine-backup"
                + " archive file", refused(Path.of("/dev/null")));
        assertEquals("short.txt: text of 6 bytes, not a tar archive; an engine-backup archive is a tar (gzip, bzip2"
                + " or xz)", refused(write("short.txt", "hello\n".getBytes(StandardCharsets.US_ASCII))));
        byte[] text = "just some text\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        assertTrue(refused(write("text.tar.gz", text)).startsWith("text.tar.gz: text, not a tar archive"));
        assertTrue(refused(write("text.gz", gzip(text))).startsWith("text.gz: gzip-compressed text, not a tar"
                + " archive"));
        assertTrue(refused(write("empty.tar.gz", new byte[0])).startsWith("empty.tar.gz: an empty file, not a tar"));
        Path fifo = work.resolve("fifo");
        assertEquals(0, tool(work, "mkfifo", fifo.toString()));
        assertEquals(fifo + " is a FIFO (named pipe), not a tar archive; give the path of an engine-backup archive"
                + " file", refused(fifo));
        assertTrue(refused(work).contains("is a directory, not a tar archive"));
    }
}
