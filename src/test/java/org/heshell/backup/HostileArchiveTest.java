package org.heshell.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** Archives and dumps no honest engine-backup writes; each is refused in one line, nothing read beyond need. */
class HostileArchiveTest {
    private static byte[] tar(String name, byte type, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry(name, type, true); // keep "/etc/passwd" as written
            if (type == TarArchiveEntry.LF_SYMLINK) {
                e.setLinkName("/etc/shadow");
            } else {
                e.setSize(content.length);
            }
            t.putArchiveEntry(e);
            if (type != TarArchiveEntry.LF_SYMLINK) {
                t.write(content);
            }
            t.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    private static BackupFormatException refused(byte[] archive) {
        return assertThrows(BackupFormatException.class,
                () -> BackupArchive.read(new ByteArrayInputStream(archive), Path.of("hostile.tar")));
    }

    @Test
    void pathsOutsideTheArchiveAndLinksAreRefused() throws IOException {
        byte[] x = "x".getBytes(StandardCharsets.UTF_8);
        for (String name : List.of("../../etc/cron.d/evil", "/etc/passwd", "./db/../../x")) {
            BackupFormatException e = refused(tar(name, TarArchiveEntry.LF_NORMAL, x));
            assertTrue(e.getMessage().contains("points outside the archive; refused"), e.getMessage());
        }
        BackupFormatException link = refused(tar("./version", TarArchiveEntry.LF_SYMLINK, x));
        assertTrue(link.getMessage().contains("is a link or device"), link.getMessage());
    }

    @Test
    void hugeMetadataEntriesAreNotReadIntoMemory() throws IOException {
        BackupFormatException e = refused(tar("./config", TarArchiveEntry.LF_NORMAL, new byte[2 << 20]));
        assertTrue(e.getMessage().contains("entry ./config has 2097152 bytes"), e.getMessage());
    }

    /** The bytes of a custom-format dump header and TOC with one table, as pg_dump of the given version writes. */
    private static byte[] customDump(int minor, int algorithm) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("PGDMP".getBytes(StandardCharsets.US_ASCII));
        b.write(1);
        b.write(minor);
        b.write(0);
        b.write(4); // int size
        b.write(8); // offset size
        b.write(1); // custom format
        if (minor >= 15) {
            b.write(algorithm);
        } else {
            HostileFiles.writeInt(b, algorithm == 0 ? 0 : -1);
        }
        for (int i = 0; i < 7; i++) {
            HostileFiles.writeInt(b, 1);
        }
        HostileFiles.writeStr(b, "engine");
        HostileFiles.writeStr(b, "17.0");
        HostileFiles.writeStr(b, "17.0");
        HostileFiles.writeInt(b, 1); // one TOC entry
        HostileFiles.writeInt(b, 7);
        HostileFiles.writeInt(b, 1);
        HostileFiles.writeStr(b, "0");
        HostileFiles.writeStr(b, "0");
        HostileFiles.writeStr(b, "vds_static");
        HostileFiles.writeStr(b, "TABLE DATA");
        HostileFiles.writeInt(b, 3);
        HostileFiles.writeStr(b, "");
        HostileFiles.writeStr(b, "");
        HostileFiles.writeStr(b, "COPY public.vds_static (vds_id, vds_name) FROM stdin;\n");
        HostileFiles.writeStr(b, "public");
        HostileFiles.writeStr(b, null);
        if (minor >= 14) {
            HostileFiles.writeStr(b, null);
        }
        if (minor >= 16) {
            HostileFiles.writeInt(b, 'r');
        }
        HostileFiles.writeStr(b, "engine");
        HostileFiles.writeStr(b, "false");
        HostileFiles.writeStr(b, null);
        b.write(1); // data offset not set, as pg_dump to a pipe writes it
        b.writeBytes(new byte[8]);
        b.write(1); // a data block for entry 7
        HostileFiles.writeInt(b, 7);
        HostileFiles.writeInt(b, 4);
        b.writeBytes(new byte[] {1, 2, 3, 4});
        HostileFiles.writeInt(b, 0);
        return b.toByteArray();
    }

    /** Refused by the dump reader itself, whatever the tables hold. */
    private static BackupFormatException dumpRefused(byte[] dump) {
        TableRows everything = (schema, table, columns) -> row -> { };
        return assertThrows(BackupFormatException.class,
                () -> DumpReader.read(new ByteArrayInputStream(dump), "test.dump", everything));
    }

    @Test
    void dumpVersionsOutsideTenToSeventeenAreNamed() {
        BackupFormatException e = dumpRefused(customDump(17, 0));
        assertEquals("test.dump at byte 8: pg_dump archive version 1.17 is not supported; heshell reads 1.12 to"
                + " 1.16 (PostgreSQL 10 to 17)", e.getMessage());
        assertTrue(dumpRefused(customDump(11, 0)).getMessage().contains("version 1.11 is not supported"));
    }

    @Test
    void lz4AndZstdDataIsNotSupportedYetAndSaysSo() {
        for (int algorithm : new int[] {2, 3}) {
            BackupFormatException e = dumpRefused(customDump(16, algorithm));
            assertTrue(e.getMessage().contains("table vds_static is " + (algorithm == 2 ? "lz4" : "zstd")
                    + "-compressed, which heshell does not read yet"), e.getMessage());
        }
    }

    @Test
    void aVersion16DumpWithItsNewTocFieldsIsRead() {
        byte[] dump = customDump(16, 0);
        // Replace the 4 junk data bytes with one real row.
        byte[] row = "10000000-0000-0000-0000-000000000001\tHost 1\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(java.util.Arrays.copyOf(dump, dump.length - 14));
        HostileFiles.writeInt(b, row.length);
        b.writeBytes(row);
        HostileFiles.writeInt(b, 0);
        List<String[]> rows = new java.util.ArrayList<>();
        DumpInfo info = DumpReader.read(new ByteArrayInputStream(b.toByteArray()), "v16.dump",
                (schema, table, columns) -> rows::add);
        assertEquals("1.16.0", info.archiveVersion());
        assertEquals("Host 1", rows.get(0)[1]);
    }

    @Test
    void aDataBlockTheTableOfContentsDoesNotPlaceIsRefusedAsPgRestoreRefusesIt() {
        byte[] dump = customDump(16, 0);
        dump[dump.length - 18] = 8; // the block's entry id: 7 becomes 8, which has no data in the TOC
        assertTrue(dumpRefused(dump).getMessage().contains("a data block of entry 8 that the table of contents gives"
                + " no data, or a second one; pg_restore refuses it"));
        byte[] noBlock = java.util.Arrays.copyOf(customDump(16, 0), customDump(16, 0).length - 20);
        assertTrue(dumpRefused(noBlock).getMessage().contains("the data of 1 entries of the table of contents is"
                + " missing (entry 7); the dump is truncated"));
    }

    @Test
    void messagesAreOnePrintableLine() {
        assertEquals("a\\nb\\x1b[31mc\\t", BackupFormatException.printable("a\nb\u001b[31mc\t"));
        assertTrue(BackupFormatException.printable("x".repeat(5000)).length() <= 601);
    }
}
