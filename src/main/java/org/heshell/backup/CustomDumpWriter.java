package org.heshell.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a pg_dump custom-format archive (version 1.14, as PostgreSQL 12 to 15 write it): the ENCODING,
 * STDSTRINGS and SEARCHPATH entries, a TABLE and a TABLE DATA entry per table, then each table's COPY data,
 * zlib-compressed in chunks like pg_dump's default. Data offsets are marked "not set", as pg_dump marks them when
 * writing to a pipe; pg_restore then reads the blocks in order. Rows stream through; nothing is held whole.
 */
public final class CustomDumpWriter {
    private static final int SECTION_PRE_DATA = 2;
    private static final int SECTION_DATA = 3;
    private static final int OFFSET_NOT_SET = 1;
    private static final int OFFSET_NO_DATA = 3;
    private static final int CHUNK = 4096;

    private final OutputStream out;
    private final boolean compress;

    private CustomDumpWriter(OutputStream out, boolean compress) {
        this.out = out;
        this.compress = compress;
    }

    /** Writes {@code tables} of database {@code database} to {@code out}; {@code compress} as pg_dump -Z default. */
    public static void write(OutputStream out, String database, String serverVersion, List<DumpTable> tables,
                             boolean compress) throws IOException {
        new CustomDumpWriter(out, compress).write(database, serverVersion, tables);
    }

    private void write(String database, String serverVersion, List<DumpTable> tables) throws IOException {
        out.write("PGDMP".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {1, 14, 0, 4, 8, 1});
        writeInt(compress ? -1 : 0);
        ZonedDateTime now = ZonedDateTime.now();
        for (int v : new int[] {now.getSecond(), now.getMinute(), now.getHour(), now.getDayOfMonth(),
            now.getMonthValue() - 1, now.getYear() - 1900, 0}) {
            writeInt(v);
        }
        writeStr(database);
        writeStr(serverVersion);
        writeStr(serverVersion);

        writeInt(3 + 2 * tables.size());
        int id = 1;
        entry(id++, false, "ENCODING", "ENCODING", SECTION_PRE_DATA, "SET client_encoding = 'UTF8';\n", null, null,
                null, null, List.of());
        entry(id++, false, "STDSTRINGS", "STDSTRINGS", SECTION_PRE_DATA,
                "SET standard_conforming_strings = 'on';\n", null, null, null, null, List.of());
        entry(id++, false, "SEARCHPATH", "SEARCHPATH", SECTION_PRE_DATA,
                "SELECT pg_catalog.set_config('search_path', '', false);\n", null, null, null, null, List.of());
        int firstTable = id;
        for (DumpTable t : tables) {
            String columns = t.columns().stream().map(c -> "    " + quote(c.name()) + " " + c.type())
                    .collect(Collectors.joining(",\n"));
            entry(id++, false, t.name(), "TABLE", SECTION_PRE_DATA, "CREATE TABLE public." + quote(t.name())
                    + " (\n" + columns + "\n);\n", "DROP TABLE public." + quote(t.name()) + ";\n", null, "public",
                    "heap", List.of());
        }
        for (int i = 0; i < tables.size(); i++) {
            DumpTable t = tables.get(i);
            String names = t.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
            entry(id++, true, t.name(), "TABLE DATA", SECTION_DATA, "", "", "COPY public." + quote(t.name()) + " ("
                    + names + ") FROM stdin;\n", "public", null, List.of(firstTable + i));
        }
        for (int i = 0; i < tables.size(); i++) {
            out.write(1); // a data block
            writeInt(firstTable + tables.size() + i);
            data(tables.get(i));
        }
        out.flush();
    }

    private void entry(int id, boolean hasData, String tag, String desc, int section, String defn, String drop,
                       String copy, String namespace, String tableam, List<Integer> deps) throws IOException {
        writeInt(id);
        writeInt(hasData ? 1 : 0);
        writeStr("0");
        writeStr("0");
        writeStr(tag);
        writeStr(desc);
        writeInt(section);
        writeStr(defn);
        writeStr(drop);
        writeStr(copy);
        writeStr(namespace);
        writeStr(namespace == null ? null : "");
        writeStr(tableam);
        writeStr(namespace == null ? null : "engine");
        writeStr("false");
        for (int d : deps) {
            writeStr(Integer.toString(d));
        }
        writeStr(null);
        out.write(hasData ? OFFSET_NOT_SET : OFFSET_NO_DATA);
        out.write(new byte[8]);
    }

    /** The table's rows as COPY text, in chunks; zlib-compressed across chunks when asked. */
    private void data(DumpTable t) throws IOException {
        ChunkedOutput chunks = new ChunkedOutput();
        OutputStream sink = compress ? new DeflaterOutputStream(chunks, new Deflater(Deflater.DEFAULT_COMPRESSION),
                CHUNK) : chunks;
        StringBuilder line = new StringBuilder(256);
        for (String[] row : t.rows()) {
            line.setLength(0);
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append('\t');
                }
                CopyText.encode(row[i], line);
            }
            line.append('\n');
            sink.write(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        sink.close(); // finishes the zlib stream and flushes the last chunk
        writeInt(0);
    }

    /** Buffers bytes and writes them as length-prefixed chunks; closing flushes without closing the archive. */
    private final class ChunkedOutput extends OutputStream {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK);

        @Override
        public void write(int b) throws IOException {
            buffer.write(b);
            if (buffer.size() >= CHUNK) {
                flush();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            buffer.write(b, off, len);
            if (buffer.size() >= CHUNK) {
                flush();
            }
        }

        @Override
        public void flush() throws IOException {
            if (buffer.size() > 0) {
                writeInt(buffer.size());
                buffer.writeTo(out);
                buffer.reset();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private void writeInt(int v) throws IOException {
        out.write(v < 0 ? 1 : 0);
        int a = Math.abs(v);
        out.write(a & 0xff);
        out.write((a >> 8) & 0xff);
        out.write((a >> 16) & 0xff);
        out.write((a >> 24) & 0xff);
    }

    private void writeStr(String s) throws IOException {
        if (s == null) {
            writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(b.length);
        out.write(b);
    }

    /** An identifier as pg_dump writes it: quoted only when it is not a plain lower-case name. */
    private static String quote(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
