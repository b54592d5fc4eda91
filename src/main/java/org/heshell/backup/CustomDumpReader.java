package org.heshell.backup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.InflaterInputStream;

/**
 * Streams a pg_dump custom-format archive (versions 1.12 to 1.16, PostgreSQL 10 to 17) front to back: header,
 * table of contents, then the data blocks in file order. Tables the caller wants are decompressed and decoded row
 * by row; all other data is skipped block by block, never held in memory.
 */
final class CustomDumpReader {
    static final int MIN_VERSION = 12;
    static final int MAX_VERSION = 16;
    private static final int BLK_DATA = 1;
    private static final int BLK_BLOBS = 3;
    private static final int SECTION_NONE = 1;
    private static final int SECTION_POST_DATA = 4;
    private static final Pattern COPY = Pattern.compile("(?s)\\s*COPY\\s+\\S+\\s*\\((.*)\\)\\s+FROM\\s+stdin;?\\s*");
    private static final Pattern STD_STRINGS = Pattern.compile("SET standard_conforming_strings = '(on|off)';\n");

    private record Entry(int id, String schema, String table, String desc, List<String> columns) {
    }

    /** pg_dump's data offset flags: where an entry's data is, unknown (written to a pipe), or no data at all. */
    private static final int OFFSET_NOT_SET = 1;
    private static final int OFFSET_SET = 2;
    private static final int OFFSET_NO_DATA = 3;

    private final Input in;
    private final String what;
    /** Each TOC entry with data: where its block must begin (-1: not recorded), as pg_restore seeks it. */
    private final Map<Integer, Long> dataAt = new HashMap<>();
    private int intSize;
    private int offSize;
    private int minor;

    private CustomDumpReader(InputStream stream, String what) {
        this.in = new Input(stream, what);
        this.what = what;
    }

    static DumpInfo read(InputStream stream, String what, TableRows tables) throws IOException {
        return new CustomDumpReader(stream, what).read(tables);
    }

    private DumpInfo read(TableRows tables) throws IOException {
        byte[] magic = in.bytes(5);
        if (!new String(magic, StandardCharsets.US_ASCII).equals("PGDMP")) {
            throw in.error("not a pg_dump custom-format archive (no PGDMP magic)");
        }
        int major = in.u8();
        minor = in.u8();
        int rev = in.u8();
        // pg_dump writes revision 0 of every format it knows; pg_restore refuses any other.
        if (major != 1 || minor < MIN_VERSION || minor > MAX_VERSION || rev != 0) {
            throw in.error("pg_dump archive version " + major + "." + minor + (rev == 0 ? "" : "-" + rev)
                    + " is not supported; heshell reads "
                    + "1." + MIN_VERSION + " to 1." + MAX_VERSION + " (PostgreSQL 10 to 17)");
        }
        intSize = in.u8();
        offSize = in.u8();
        if (intSize < 1 || intSize > 8 || offSize < 1 || offSize > 8) {
            throw in.error("impossible integer sizes " + intSize + "/" + offSize + " in the header");
        }
        int format = in.u8();
        if (format != 1) {
            throw in.error("pg_dump archive format " + format + " is not the custom format (1)");
        }
        String compression;
        if (minor >= 15) {
            int algorithm = in.u8();
            compression = switch (algorithm) {
                case 0 -> "none";
                case 1 -> "gzip";
                case 2 -> "lz4";
                case 3 -> "zstd";
                default -> throw in.error("unknown compression algorithm " + algorithm + " in the header");
            };
        } else {
            int level = readInt();
            if (level < -1 || level > 9) {
                throw in.error("invalid compression level " + level + " in the header (pg_dump writes -1 to 9)");
            }
            compression = level == 0 ? "none" : "gzip";
        }
        for (int i = 0; i < 7; i++) {
            readInt(); // creation time: sec, min, hour, mday, mon, year, isdst
        }
        String database = readStr();
        String server = readStr();
        String dumper = readStr();

        Map<Integer, Entry> data = new HashMap<>();
        int count = readInt();
        if (count < 0) {
            throw in.error("impossible table of contents size " + count);
        }
        if (count > ArchiveLimits.MAX_TOC_ENTRIES) {
            throw ArchiveLimits.exceeded(what, "a table of contents of " + count + " entries",
                    ArchiveLimits.MAX_TOC_ENTRIES + " entries");
        }
        for (int i = 0; i < count; i++) {
            Entry e = readTocEntry();
            if (e != null && tables.wants(e.schema(), e.table())) {
                data.put(e.id(), e);
                if (data.size() > ArchiveLimits.MAX_TABLE_DATA) {
                    throw ArchiveLimits.exceeded(what, "more than " + ArchiveLimits.MAX_TABLE_DATA + " data entries"
                            + " for the tables heshell reads", ArchiveLimits.MAX_TABLE_DATA + " entries");
                }
            }
        }

        while (true) {
            long at = in.pos;
            int type = in.u8OrEnd();
            if (type < 0) {
                break;
            }
            int id = readInt();
            Long expected = dataAt.remove(id);
            if (expected == null || expected >= 0 && expected != at) {
                throw in.error("a data block of entry " + id + (expected == null ? " that the table of contents gives"
                        + " no data, or a second one" : " where the table of contents puts it at byte " + expected)
                        + "; pg_restore refuses it, so the dump is damaged");
            }
            if (type == BLK_DATA) {
                Entry e = data.get(id);
                TableRows.RowSink sink = e == null ? null : tables.open(e.schema(), e.table(), e.columns());
                if (sink == null && compression.equals("gzip")) {
                    // Not read, but inflated to its end: pg_restore would fail on a corrupt block.
                    Chunks chunks = new Chunks();
                    inflated(chunks, "the data of TOC entry " + id).transferTo(java.io.OutputStream.nullOutputStream());
                    chunks.drain();
                } else if (sink == null) {
                    skipChunks();
                } else {
                    rows(e, sink, compression);
                }
            } else if (type == BLK_BLOBS) {
                for (int oid = readInt(); oid != 0; oid = readInt()) {
                    skipChunks();
                }
            } else {
                throw in.error("unknown data block type " + type + " (entry " + id + ")");
            }
        }
        if (!dataAt.isEmpty()) {
            throw in.error("the data of " + dataAt.size() + " entries of the table of contents is missing (entry "
                    + dataAt.keySet().iterator().next() + "); the dump is truncated");
        }
        return new DumpInfo("custom", major + "." + minor + "." + rev, compression, database, server, dumper);
    }

    /** One TOC entry; kept only for table data, the one kind of entry heshell reads. */
    private Entry readTocEntry() throws IOException {
        int id = readInt();
        if (id <= 0) {
            throw in.error("TOC entry id " + id + " out of range; the table of contents is corrupt");
        }
        readInt(); // had dumper
        // Fields whose form is fixed: a damaged length shifts what follows, and this is where it shows. pg_restore
        // does not check them, and crashes or fails on what it then reads.
        number(readStr(), "table oid", id);
        number(readStr(), "oid", id);
        String tag = readStr();
        String desc = readStr();
        int section = readInt();
        if (section < SECTION_NONE || section > SECTION_POST_DATA) {
            throw in.error("TOC entry " + id + " has section " + section + " (pg_dump writes 1 to 4); the table of"
                    + " contents is corrupt");
        }
        if ("ENCODING".equals(desc) || "STDSTRINGS".equals(desc)) {
            setting(desc, readStr()); // pg_restore reads these two itself before anything else
        } else {
            skipStr(); // definition: function bodies and all, never held
        }
        skipStr(); // drop statement
        String copy = readStr();
        String namespace = readStr();
        skipStr(); // tablespace
        if (minor >= 14) {
            skipStr(); // table access method
        }
        if (minor >= 16) {
            readInt(); // relkind
        }
        skipStr(); // owner
        skipStr(); // "with oids"
        for (String dep = readStr(); dep != null; dep = readStr()) {
            number(dep, "dependency", id); // not needed to read data, but a number in any dump that is whole
        }
        int flag = in.u8();
        long offset = 0;
        byte[] raw = in.bytes(offSize);
        for (int i = raw.length - 1; i >= 0; i--) {
            offset = offset << 8 | (raw[i] & 0xff);
        }
        if (flag == OFFSET_SET || flag == OFFSET_NOT_SET) {
            if (dataAt.size() >= ArchiveLimits.MAX_DATA_ENTRIES) {
                throw ArchiveLimits.exceeded(what, "more than " + ArchiveLimits.MAX_DATA_ENTRIES + " entries with"
                        + " data", ArchiveLimits.MAX_DATA_ENTRIES + " entries");
            }
            dataAt.put(id, flag == OFFSET_SET ? offset : -1L);
        } else if (flag != OFFSET_NO_DATA) {
            throw in.error("unexpected data offset flag " + flag + " in entry " + id + "; pg_restore refuses it");
        }
        if (!"TABLE DATA".equals(desc) || copy == null) {
            return null;
        }
        Matcher m = COPY.matcher(copy);
        if (!m.matches()) {
            throw in.error("table " + tag + " has an unreadable COPY statement: " + copy.strip());
        }
        return new Entry(id, namespace, tag, desc, SqlNames.columns(m.group(1)));
    }

    /**
     * The client encoding and string syntax the dump was written in, checked as pg_restore checks them. heshell
     * reads the rows as UTF-8, which engine-backup asks pg_dump for.
     */
    private void setting(String desc, String defn) throws IOException {
        boolean ok = defn != null && (desc.equals("ENCODING")
                ? defn.equals("SET client_encoding = 'UTF8';\n")
                : STD_STRINGS.matcher(defn).matches());
        if (!ok) {
            String shown = defn == null ? "nothing" : defn.strip().replaceAll("\\p{Cntrl}", "?");
            throw in.error("its " + desc + " entry says " + (shown.length() > 80 ? shown.substring(0, 80) + "…"
                    : shown) + (desc.equals("ENCODING") ? "; engine-backup dumps are in UTF8, and pg_restore"
                    + " refuses an encoding it does not know" : "; pg_restore refuses it"));
        }
    }

    private void rows(Entry e, TableRows.RowSink sink, String compression) throws IOException {
        if (!compression.equals("none") && !compression.equals("gzip")) {
            throw in.error("table " + e.table() + " is " + compression + "-compressed, which heshell does not read "
                    + "yet; dump with gzip or no compression");
        }
        Chunks chunks = new Chunks();
        InputStream data = compression.equals("gzip") ? inflated(chunks, "the data of table " + e.table()) : chunks;
        Lines lines = new Lines(data);
        int n = e.columns().size();
        long row = 0;
        try {
            for (String line = lines.next(ArchiveLimits.MAX_LINE); line != null;
                    line = lines.next(ArchiveLimits.MAX_LINE)) {
                row++;
                if (lines.cut()) {
                    throw ArchiveLimits.exceeded(in.error("row " + row + " of table " + e.table()).getMessage(),
                            "a row longer than " + ArchiveLimits.MAX_LINE + " bytes", ArchiveLimits.MAX_LINE
                            + " bytes per row of a table heshell reads");
                }
                if (line.equals("\\.")) {
                    break;
                }
                try {
                    sink.row(CopyText.decode(line, n));
                } catch (IllegalArgumentException bad) {
                    throw in.error("row " + row + " of table " + e.table() + " is malformed: " + bad.getMessage());
                }
            }
            // What follows the end-of-data line is inflated too: the zlib stream's Adler-32 is at its very end, and
            // pg_restore refuses a block whose checksum is wrong.
            data.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (EOFException eof) {
            throw in.error("the data of table " + e.table() + " ends early; the file is truncated");
        }
        chunks.drain();
    }

    /** A block's zlib data inflated, bounded and checked (the stream's Adler-32 included) like any compressed data. */
    private InputStream inflated(Chunks chunks, String block) {
        CountingStream counted = new CountingStream(chunks);
        return Compression.bounded(new StrictInflaterStream(counted), counted, "zlib", what + ": " + block);
    }

    /**
     * zlib data as pg_dump writes it. The JDK's stream ends quietly when a damaged header asks for a preset
     * dictionary, which would read a table as empty; pg_dump never uses one, and pg_restore fails on it.
     */
    private static final class StrictInflaterStream extends InflaterInputStream {
        StrictInflaterStream(InputStream in) {
            super(in, new java.util.zip.Inflater(), 65536);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (inf.needsDictionary()) {
                throw new java.util.zip.ZipException("the zlib header asks for a preset dictionary, which pg_dump"
                        + " never writes");
            }
            return n;
        }
    }

    private void skipChunks() throws IOException {
        for (int len = readInt(); len != 0; len = readInt()) {
            if (len < 0) {
                throw in.error("negative data chunk length " + len);
            }
            in.skip(len);
        }
    }

    /** The payloads of a block's chunks as one stream; ends at the zero-length chunk. */
    private final class Chunks extends BulkInputStream {
        private long left;
        private boolean done;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (left == 0) {
                if (done) {
                    return -1;
                }
                int n = readInt();
                if (n < 0) {
                    throw in.error("negative data chunk length " + n);
                }
                if (n == 0) {
                    done = true;
                    return -1;
                }
                left = n;
            }
            int got = in.read(b, off, (int) Math.min(len, left));
            left -= got;
            return got;
        }

        void drain() throws IOException {
            in.skip(left);
            left = 0;
            if (!done) {
                skipChunks();
                done = true;
            }
        }
    }

    private int readInt() throws IOException {
        int sign = in.u8();
        long value = 0;
        for (int i = 0; i < intSize; i++) {
            value |= (long) in.u8() << (8 * i);
        }
        if (value > Integer.MAX_VALUE) {
            throw in.error("integer " + value + " out of range");
        }
        return sign == 0 ? (int) value : -(int) value;
    }

    /** A string heshell keeps (null when absent), bounded. */
    private String readStr() throws IOException {
        int len = readInt();
        if (len < 0) {
            return null;
        }
        if (len > ArchiveLimits.MAX_TOC_STRING) {
            throw ArchiveLimits.exceeded(in.error("table of contents").getMessage(), "a string of " + len
                    + " bytes where a name or COPY statement belongs", ArchiveLimits.MAX_TOC_STRING + " bytes");
        }
        return new String(in.bytes(len), StandardCharsets.UTF_8);
    }

    private void number(String s, String field, int entry) throws IOException {
        if (s == null || !s.matches("\\d{1,10}")) {
            throw in.error("TOC entry " + entry + " has a " + field + " that is not a number; the table of contents is"
                    + " corrupt");
        }
    }

    /** Passes over a string heshell does not need, whatever its size; false when it was absent (length -1). */
    private boolean skipStr() throws IOException {
        int len = readInt();
        if (len > 0) {
            in.skip(len);
        }
        return len >= 0;
    }

    /** The raw stream with its position, for errors that say where. */
    static final class Input {
        private final InputStream s;
        private final String what;
        private long pos;

        Input(InputStream s, String what) {
            this.s = s;
            this.what = what;
        }

        int u8() throws IOException {
            int b = s.read();
            if (b < 0) {
                throw error("ends early; the file is truncated");
            }
            pos++;
            return b;
        }

        int u8OrEnd() throws IOException {
            int b = s.read();
            if (b >= 0) {
                pos++;
            }
            return b;
        }

        byte[] bytes(int n) throws IOException {
            byte[] b = s.readNBytes(n);
            pos += b.length;
            if (b.length < n) {
                throw error("ends early; the file is truncated");
            }
            return b;
        }

        int read(byte[] b, int off, int len) throws IOException {
            int n = s.read(b, off, len);
            if (n < 0) {
                throw error("ends early; the file is truncated");
            }
            pos += n;
            return n;
        }

        void skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                long skipped = s.skip(left);
                if (skipped <= 0) {
                    if (s.read() < 0) {
                        pos += n - left;
                        throw error("ends early; the file is truncated");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
            pos += n;
        }

        BackupFormatException error(String message) {
            return new BackupFormatException(what + " at byte " + pos + ": " + message);
        }
    }
}
