package org.heshell.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Small files that hold, or claim to hold, enormous things: each written as a stream (never held in memory), each
 * a few KiB to a few MiB on disk, each past one of heshell's limits (ArchiveLimits) by a wide margin.
 */
final class HostileFiles {
    private HostileFiles() {
    }

    /** Writes {@code size} bytes of the entry's content. */
    interface Content {
        void write(OutputStream out) throws IOException;
    }

    /** An outer tar.gz holding ./version, ./config and a database entry of {@code size} bytes from {@code db}. */
    static Path archive(Path out, long size, Content db) throws IOException {
        try (OutputStream file = Files.newOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file, 65536))) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            entry(tar, "./version", "4.5.6\n".getBytes(StandardCharsets.US_ASCII).length,
                    o -> o.write("4.5.6\n".getBytes(StandardCharsets.US_ASCII)));
            entry(tar, "./db/engine_backup.db", size, db);
        }
        return out;
    }

    private static void entry(TarArchiveOutputStream tar, String name, long size, Content c) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(size);
        tar.putArchiveEntry(e);
        c.write(tar);
        tar.closeArchiveEntry();
    }

    static void repeat(OutputStream out, byte b, long count) throws IOException {
        byte[] chunk = new byte[1 << 16];
        Arrays.fill(chunk, b);
        for (long left = count; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A plain dump whose one row of vds_static has {@code length} bytes. */
    static Path longRow(Path out, long length) throws IOException {
        byte[] head = ascii("-- Dumped by pg_dump version 15.8\n"
                + "COPY public.vds_static (vds_id, vds_name, host_name) FROM stdin;\n");
        byte[] tail = ascii("\n\\.\n");
        return archive(out, head.length + length + tail.length, o -> {
            o.write(head);
            repeat(o, (byte) 'x', length);
            o.write(tail);
        });
    }

    /** A plain dump with one comment line of {@code length} bytes: nothing heshell reads, passed over. */
    static Path longComment(Path out, long length) throws IOException {
        byte[] head = ascii("-- Dumped by pg_dump version 15.8\n--");
        return archive(out, head.length + length + 1, o -> {
            o.write(head);
            repeat(o, (byte) ' ', length);
            o.write('\n');
        });
    }

    /** A plain dump of {@code vms} VMs. */
    static Path manyVms(Path out, int vms) throws IOException {
        byte[] head = ascii("COPY public.vm_static (vm_guid, vm_name) FROM stdin;\n");
        byte[] tail = ascii("\\.\n");
        int row = String.format("%036d\tvm%08d\n", 0, 0).length();
        return archive(out, head.length + (long) vms * row + tail.length, o -> {
            o.write(head);
            for (int i = 0; i < vms; i++) {
                o.write(ascii(String.format("%036d\tvm%08d\n", i, i)));
            }
            o.write(tail);
        });
    }

    /**
     * A database entry that is a bzip2 stream of {@code gib} GiB of newlines, as concatenated streams of 64 MiB each
     * (bzip2 -d reads them as one): a few KiB on disk.
     */
    static Path newlineBomb(Path out, int gib) throws IOException {
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(one)) {
            repeat(bz, (byte) '\n', 64L << 20);
        }
        byte[] member = one.toByteArray();
        int copies = gib * 16;
        return archive(out, (long) member.length * copies, o -> {
            for (int i = 0; i < copies; i++) {
                o.write(member);
            }
        });
    }

    /** An uncompressed tar whose first header is a GNU long name ('L') or PAX header ('x') claiming {@code size}. */
    static Path hugeTarExtension(Path out, char type, long size) throws IOException {
        byte[] h = new byte[512];
        byte[] name = ascii("././@LongLink");
        System.arraycopy(name, 0, h, 0, name.length);
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        h[156] = (byte) type;
        System.arraycopy(ascii("ustar  "), 0, h, 257, 7);
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        try (OutputStream o = Files.newOutputStream(out)) {
            o.write(h);
            repeat(o, (byte) 'a', 4096); // the rest is claimed, not there
        }
        return out;
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = String.format("%0" + (len - 1) + "o", v);
        System.arraycopy(ascii(s), 0, h, off, len - 1);
        h[off + len - 1] = 0;
    }

    /** The header of a custom-format dump (1.14, 4-byte ints, no compression), before its TOC count. */
    static void customHeader(ByteArrayOutputStream b) {
        b.writeBytes(ascii("PGDMP"));
        b.write(1);
        b.write(14);
        b.write(0);
        b.write(4);
        b.write(8);
        b.write(1);
        writeInt(b, 0);
        for (int i = 0; i < 7; i++) {
            writeInt(b, 1);
        }
        writeStr(b, "engine");
        writeStr(b, "15.8");
        writeStr(b, "15.8");
    }

    static void writeInt(ByteArrayOutputStream b, int v) {
        b.write(v < 0 ? 1 : 0);
        int a = Math.abs(v);
        for (int i = 0; i < 4; i++) {
            b.write((a >> (8 * i)) & 0xff);
        }
    }

    static void writeStr(ByteArrayOutputStream b, String s) {
        if (s == null) {
            writeInt(b, -1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeInt(b, bytes.length);
        b.writeBytes(bytes);
    }

    /** A custom dump whose TOC claims {@code entries} entries. */
    static Path tocEntries(Path out, int entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        customHeader(b);
        writeInt(b, entries);
        byte[] dump = b.toByteArray();
        return archive(out, dump.length, o -> o.write(dump));
    }

    /**
     * A custom dump with one TOC entry whose tag (a string heshell keeps) claims {@code length} bytes, or whose
     * definition (a string heshell passes over) holds them.
     */
    static Path tocString(Path out, int length, boolean kept) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        customHeader(b);
        writeInt(b, 1);
        writeInt(b, 7);
        writeInt(b, 1);
        writeStr(b, "0");
        writeStr(b, "0");
        if (kept) {
            writeInt(b, length); // the tag; its bytes never follow
            byte[] head = b.toByteArray();
            return archive(out, head.length, o -> o.write(head));
        }
        writeStr(b, "f");
        writeStr(b, "FUNCTION");
        writeInt(b, 1);
        writeInt(b, length); // the definition, then the rest of the entry
        byte[] head = b.toByteArray();
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        writeStr(t, "");
        writeStr(t, null);
        writeStr(t, "public");
        writeStr(t, null);
        writeStr(t, null);
        writeStr(t, "engine");
        writeStr(t, "false");
        writeStr(t, null);
        t.write(3);
        t.writeBytes(new byte[8]);
        byte[] tail = t.toByteArray();
        return archive(out, head.length + (long) length + tail.length, o -> {
            o.write(head);
            repeat(o, (byte) ' ', length);
            o.write(tail);
        });
    }
}
