package org.heshell.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a tar stream (ustar, GNU and PAX, as GNU tar writes them) as strictly as GNU tar restores it: every header's
 * checksum is checked (GNU tar skips an entry whose header fails it), long names and PAX headers are bounded, the
 * archive ends at its zero block and nothing but zero padding may follow (GNU tar would not restore it). Reading to
 * the end of the stream also lets the decompressor under it check its trailer.
 */
final class TarReader {
    private static final int BLOCK = 512;

    /** What an entry is, for the caller's decision: engine backups hold only files and directories. */
    enum Kind { FILE, DIRECTORY, LINK_OR_DEVICE }

    /** One entry: its path as written, kind, size and the offset of its header in the tar stream. */
    record Entry(String name, Kind kind, long size, long offset, long mtime) {
    }

    private final InputStream in;
    private final String what;
    private final Compression compression;
    private final int maxHeaders;
    private final byte[] block = new byte[BLOCK];
    private long pos;
    private long left;
    private long padding;
    private int headers;
    private boolean ended;
    private Entry current;

    TarReader(Compression.Opened in, String what, int maxHeaders) {
        this.in = in.stream();
        this.compression = in.compression();
        this.what = what;
        this.maxHeaders = maxHeaders;
    }

    /** Bytes of the tar stream read so far. */
    long position() {
        return pos;
    }

    /** The next entry, or null after the end of the archive (the rest of the stream then read and checked). */
    Entry next() throws IOException {
        if (ended) {
            return null;
        }
        skip(left + padding);
        left = 0;
        padding = 0;
        String longName = null;
        Map<String, String> pax = Map.of();
        while (true) {
            long at = pos;
            int n = fill();
            if (n == 0 && at == 0) {
                throw notTar(compression == Compression.NONE ? "an empty file" : "nothing but an empty "
                        + compression.label() + " stream");
            }
            if (n < BLOCK) {
                throw at == 0 ? notTar(describe(n)) : new BackupFormatException(what + ": the tar ends inside a header"
                        + " at byte " + at + "; the archive is truncated");
            }
            if (zero()) {
                ended = true;
                rest();
                return null;
            }
            if (!checksumOk()) {
                throw at == 0 ? notTar(describe(n)) : new BackupFormatException(what + ": the tar header at byte "
                        + at + " has a wrong checksum; GNU tar skips such an entry, so the archive is damaged");
            }
            if (++headers > maxHeaders) {
                throw ArchiveLimits.exceeded(what, "more than " + maxHeaders + " tar headers", maxHeaders
                        + " headers");
            }
            char type = (char) block[156];
            long size = number(124, 12, at, "size");
            // GNU tar refuses a header whose mode, owner or time is not a number; so does heshell.
            number(100, 8, at, "mode");
            number(108, 8, at, "uid");
            number(116, 8, at, "gid");
            long mtime = number(136, 12, at, "mtime");
            if (type == 'L' || type == 'K' || type == 'x' || type == 'g') {
                byte[] ext = extension(size, at, type);
                if (type == 'L') {
                    longName = cString(ext, 0, ext.length);
                } else if (type == 'x') {
                    pax = pax(ext, at);
                }
                continue; // 'K' (a long link target) and 'g' (global attributes) change no path heshell reads
            }
            if (type == 'S' || pax.keySet().stream().anyMatch(k -> k.startsWith("GNU.sparse."))) {
                throw new BackupFormatException(what + ": the entry at byte " + at + " is a sparse file, which"
                        + " engine-backup archives do not hold; refused");
            }
            String name = longName != null ? longName : pax.containsKey("path") ? pax.get("path") : headerName();
            if (name.length() > ArchiveLimits.MAX_PATH) {
                throw ArchiveLimits.exceeded(what, "the path of the entry at byte " + at + " has " + name.length()
                        + " characters", ArchiveLimits.MAX_PATH + " characters");
            }
            if (pax.containsKey("size")) {
                try {
                    size = Long.parseLong(pax.get("size"));
                } catch (NumberFormatException e) {
                    size = -1;
                }
                if (size < 0) {
                    throw new BackupFormatException(what + ": the PAX header at byte " + at + " has an unreadable"
                            + " size; the archive is damaged");
                }
            }
            Kind kind = switch (type) {
                case '0', '\0', '7' -> name.endsWith("/") ? Kind.DIRECTORY : Kind.FILE;
                case '5' -> Kind.DIRECTORY;
                case '1', '2', '3', '4', '6' -> Kind.LINK_OR_DEVICE;
                default -> throw new BackupFormatException(what + ": the entry " + name + " at byte " + at
                        + " has tar type '" + type + "', which engine-backup archives do not hold; refused");
            };
            if (kind != Kind.FILE && kind != Kind.DIRECTORY) {
                size = 0; // links and devices carry no data; the caller refuses them anyway
            }
            left = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            current = new Entry(name, kind, size, at, pax.containsKey("mtime") ? paxTime(pax.get("mtime"))
                    : mtime);
            return current;
        }
    }

    /** The current entry's data; reading past it returns -1, a stream that ends inside it is a truncation. */
    InputStream data() {
        return new BulkInputStream() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n < 0) {
                    throw truncated();
                }
                left -= n;
                pos += n;
                return n;
            }
        };
    }

    private BackupFormatException truncated() {
        return new BackupFormatException(what + ": the tar ends inside ./" + current.name().replaceFirst("^\\./", "")
                + " (" + (current.size() - left) + " of " + current.size() + " bytes); the archive is truncated");
    }

    private void skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long todo = n;
        while (todo > 0) {
            int got = in.read(buf, 0, (int) Math.min(buf.length, todo));
            if (got < 0) {
                throw truncated();
            }
            todo -= got;
            pos += got;
        }
    }

    /** After the end marker: only zero padding may follow, read to the stream's end. */
    private void rest() throws IOException {
        byte[] buf = new byte[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            for (int i = 0; i < n; i++) {
                if (buf[i] != 0) {
                    throw new BackupFormatException(what + ": data after the end of the tar archive at byte "
                            + (pos + i) + "; GNU tar stops at the end marker and would not restore it, so the"
                            + " archive is refused");
                }
            }
            pos += n;
        }
    }

    private int fill() throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        pos += n;
        return n;
    }

    private boolean zero() {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** GNU tar's check: the header's bytes summed with the checksum field as spaces, unsigned or (old tars) signed. */
    private boolean checksumOk() {
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : block[i];
            unsigned += b & 0xff;
            signed += b;
        }
        long stored = octal(148, 8);
        return stored >= 0 && (stored == unsigned || stored == signed);
    }

    /** An octal field (spaces or NULs around it) or GNU's base-256 form; -1 when neither. */
    private long octal(int off, int len) {
        if ((block[off] & 0x80) != 0) {
            if ((block[off] & 0x40) != 0) {
                return -1; // negative base-256
            }
            long v = block[off] & 0x3f;
            for (int i = off + 1; i < off + len; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    return -1;
                }
                v = (v << 8) | (block[i] & 0xff);
            }
            return v;
        }
        int i = off;
        int end = off + len;
        while (i < end && block[i] == ' ') {
            i++;
        }
        long v = 0;
        int digits = 0;
        for (; i < end && block[i] >= '0' && block[i] <= '7'; i++, digits++) {
            v = v * 8 + (block[i] - '0');
        }
        for (; i < end; i++) {
            if (block[i] != ' ' && block[i] != 0) {
                return -1;
            }
        }
        return digits == 0 ? -1 : v;
    }

    /** A PAX mtime ("1764746596.123"): its whole seconds; 0 when unreadable (the header's own stands then). */
    private static long paxTime(String value) {
        try {
            return (long) Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private long number(int off, int len, long at, String field) {
        long v = octal(off, len);
        if (v < 0) {
            throw new BackupFormatException(what + ": the tar header at byte " + at + " has an unreadable " + field
                    + "; the archive is damaged");
        }
        return v;
    }

    /** The data of a long-name or PAX header, bounded. */
    private byte[] extension(long size, long at, char type) throws IOException {
        if (size > ArchiveLimits.MAX_TAR_EXTENSION) {
            throw ArchiveLimits.exceeded(what, "the " + (type == 'L' || type == 'K' ? "GNU long name" : "PAX header")
                    + " at byte " + at + " has " + size + " bytes", ArchiveLimits.MAX_TAR_EXTENSION + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        pos += data.length;
        if (data.length < size) {
            throw new BackupFormatException(what + ": the tar ends inside the header at byte " + at
                    + "; the archive is truncated");
        }
        skip((BLOCK - size % BLOCK) % BLOCK);
        return data;
    }

    /** PAX records "LEN key=value\n"; a malformed one is refused, as GNU tar refuses it. */
    private Map<String, String> pax(byte[] data, long at) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < data.length) {
            int sp = i;
            int len = 0;
            while (sp < data.length && data[sp] >= '0' && data[sp] <= '9' && len < data.length) {
                len = len * 10 + (data[sp++] - '0');
            }
            int eq = sp + 1;
            while (eq < data.length && data[eq] != '=') {
                eq++;
            }
            if (sp == i || sp >= data.length || data[sp] != ' ' || len <= sp - i || i + len > data.length
                    || eq >= i + len || data[i + len - 1] != '\n') {
                throw new BackupFormatException(what + ": the PAX header at byte " + at + " is malformed; GNU tar"
                        + " refuses it, so the archive is damaged");
            }
            out.put(new String(data, sp + 1, eq - sp - 1, StandardCharsets.UTF_8),
                    new String(data, eq + 1, i + len - eq - 2, StandardCharsets.UTF_8));
            i += len;
        }
        return out;
    }

    /** The name field, with the ustar prefix when the header is POSIX ustar (GNU uses that space otherwise). */
    private String headerName() {
        String name = cString(block, 0, 100);
        boolean posix = block[257] == 'u' && block[258] == 's' && block[259] == 't' && block[260] == 'a'
                && block[261] == 'r' && block[262] == 0;
        String prefix = posix ? cString(block, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private BackupFormatException notTar(String found) {
        return new BackupFormatException(what + ": " + found + ", not a tar archive; an engine-backup archive is a"
                + " tar (gzip, bzip2 or xz)");
    }

    /** What the first bytes look like, for a file that is not a tar: text, or data. */
    private String describe(int n) {
        int printable = 0;
        for (int i = 0; i < n; i++) {
            int b = block[i] & 0xff;
            if (b >= 0x20 && b != 0x7f || b == '\n' || b == '\r' || b == '\t') {
                printable++;
            }
        }
        String kind = (compression == Compression.NONE ? "" : compression.label() + "-compressed ")
                + (n > 0 && printable == n ? "text" : "data");
        return n < BLOCK ? kind + " of " + n + " bytes" : kind;
    }
}
