package org.heshell.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a pg_dump custom-format archive (version 1.14, as pg_dump 12 to 15 write it, entry for entry and field
 * for field as pg_dump 15 does): the ENCODING, STDSTRINGS, SEARCHPATH and DATABASE entries, a TABLE and a TABLE
 * DATA entry per table, then each table's COPY data ending with pg_dump's end-of-data line, zlib-compressed in
 * chunks like pg_dump's default. Data offsets are marked "not set", as pg_dump marks them when
 * writing to a pipe; pg_restore then reads the blocks in order. Rows stream through; nothing is held whole.
 */
public final class CustomDumpWriter {
    private static final int SECTION_PRE_DATA = 2;
    private static final int SECTION_DATA = 3;
    private static final int OFFSET_NOT_SET = 1;
    private static final int OFFSET_NO_DATA = 3;
    private static final int CHUNK = 4096;
    private static final String OWNER = "engine";
    private static final String PG_CLASS = "1259";
    private static final String PG_DATABASE = "1262";
    private static final String DATABASE_OID = "16384";
    private static final int FIRST_TABLE_OID = 16385;
    /** What pg_dump's COPY data ends with: psql reads a script's COPY rows up to this line. */
    private static final byte[] END_OF_DATA = "\\.\n\n\n".getBytes(StandardCharsets.US_ASCII);

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

        writeInt(4 + 2 * tables.size());
        int id = 1;
        entry(new Entry(id++, "ENCODING", "ENCODING", SECTION_PRE_DATA).defn("SET client_encoding = 'UTF8';\n"));
        entry(new Entry(id++, "STDSTRINGS", "STDSTRINGS", SECTION_PRE_DATA)
                .defn("SET standard_conforming_strings = 'on';\n"));
        entry(new Entry(id++, "SEARCHPATH", "SEARCHPATH", SECTION_PRE_DATA)
                .defn("SELECT pg_catalog.set_config('search_path', '', false);\n"));
        // pg_restore uses the DATABASE entry only with --create, as engine-backup's restore does not.
        entry(new Entry(id++, database, "DATABASE", SECTION_PRE_DATA).oids(PG_DATABASE, DATABASE_OID)
                .defn("CREATE DATABASE " + quote(database) + " WITH TEMPLATE = template0 ENCODING = 'UTF8'"
                        + " LOCALE = 'en_US.UTF-8';\n").drop("DROP DATABASE " + quote(database) + ";\n")
                .owner(OWNER));
        int firstTable = id;
        for (int i = 0; i < tables.size(); i++) {
            DumpTable t = tables.get(i);
            String columns = t.columns().stream().map(c -> "    " + quote(c.name()) + " " + c.type())
                    .collect(Collectors.joining(",\n"));
            entry(new Entry(id++, t.name(), "TABLE", SECTION_PRE_DATA).oids(PG_CLASS, tableOid(i))
                    .defn("CREATE TABLE public." + quote(t.name()) + " (\n" + columns + "\n);\n")
                    .drop("DROP TABLE public." + quote(t.name()) + ";\n").namespace("public").tablespace("")
                    .tableam("heap").owner(OWNER));
        }
        for (int i = 0; i < tables.size(); i++) {
            DumpTable t = tables.get(i);
            String names = t.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
            entry(new Entry(id++, t.name(), "TABLE DATA", SECTION_DATA).oids("0", tableOid(i)).withData()
                    .copy("COPY public." + quote(t.name()) + " (" + names + ") FROM stdin;\n").namespace("public")
                    .owner(OWNER).dependsOn(firstTable + i));
        }
        for (int i = 0; i < tables.size(); i++) {
            out.write(1); // a data block
            writeInt(firstTable + tables.size() + i);
            data(tables.get(i));
        }
        out.flush();
    }

    private static String tableOid(int index) {
        return Integer.toString(FIRST_TABLE_OID + 3 * index);
    }

    /** One TOC entry; the fields pg_dump leaves null stay null, because pg_restore tells null from empty. */
    private static final class Entry {
        final int id;
        final String tag;
        final String desc;
        final int section;
        boolean hasData;
        String tableoid = "0";
        String oid = "0";
        String defn;
        String drop;
        String copy;
        String namespace;
        String tablespace;
        String tableam;
        String owner;
        final List<Integer> deps = new ArrayList<>();

        Entry(int id, String tag, String desc, int section) {
            this.id = id;
            this.tag = tag;
            this.desc = desc;
            this.section = section;
            this.defn = section == SECTION_DATA ? null : "";
        }

        Entry oids(String table, String object) {
            tableoid = table;
            oid = object;
            return this;
        }

        Entry withData() {
            hasData = true;
            return this;
        }

        Entry defn(String s) {
            defn = s;
            return this;
        }

        Entry drop(String s) {
            drop = s;
            return this;
        }

        Entry copy(String s) {
            copy = s;
            return this;
        }

        Entry namespace(String s) {
            namespace = s;
            return this;
        }

        Entry tablespace(String s) {
            tablespace = s;
            return this;
        }

        Entry tableam(String s) {
            tableam = s;
            return this;
        }

        Entry owner(String s) {
            owner = s;
            return this;
        }

        Entry dependsOn(int dep) {
            deps.add(dep);
            return this;
        }
    }

    private void entry(Entry e) throws IOException {
        writeInt(e.id);
        writeInt(e.hasData ? 1 : 0);
        writeStr(e.tableoid);
        writeStr(e.oid);
        writeStr(e.tag);
        writeStr(e.desc);
        writeInt(e.section);
        writeStr(e.defn);
        writeStr(e.drop);
        writeStr(e.copy);
        writeStr(e.namespace);
        writeStr(e.tablespace);
        writeStr(e.tableam);
        writeStr(e.owner);
        writeStr("false");
        for (int d : e.deps) {
            writeStr(Integer.toString(d));
        }
        writeStr(null);
        out.write(e.hasData ? OFFSET_NOT_SET : OFFSET_NO_DATA);
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
        if (!compress) {
            chunks.flush(); // pg_dump writes the end marker with a write of its own: uncompressed, a chunk of its own
        }
        sink.write(END_OF_DATA);
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
