package org.heshell.backup;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The compression of a stream, told from its first bytes, never from a file name. The decompressed stream is read
 * as the real tools read it: to its end, every integrity check applied (gzip's CRC32 and length trailer, bzip2's
 * block and stream CRCs, xz's check and index), bytes after the last member refused, and its expansion bounded.
 */
enum Compression {
    NONE, GZIP, BZIP2, XZ, ZSTD, LZ4;

    private static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

    static Compression detect(BufferedInputStream in) throws IOException {
        in.mark(8);
        byte[] b = in.readNBytes(6);
        in.reset();
        if (b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (b.length >= 3 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h') {
            return BZIP2;
        }
        if (b.length >= 6 && (b[0] & 0xff) == 0xfd && b[1] == '7' && b[2] == 'z' && b[3] == 'X' && b[4] == 'Z'
                && b[5] == 0) {
            return XZ;
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0x28 && (b[1] & 0xff) == 0xb5 && (b[2] & 0xff) == 0x2f
                && (b[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        if (b.length >= 4 && b[0] == 0x04 && b[1] == 0x22 && b[2] == 0x4d && b[3] == 0x18) {
            return LZ4;
        }
        return NONE;
    }

    String label() {
        return name().toLowerCase();
    }

    /** The decompressed stream, or the stream itself when it is not compressed; {@code what} names it in errors. */
    static Opened open(InputStream raw, String what) throws IOException {
        CountingStream counted = new CountingStream(raw);
        BufferedInputStream in = new BufferedInputStream(counted, 65536);
        Compression c = detect(in);
        InputStream out;
        try {
            out = switch (c) {
                case NONE -> in;
                case GZIP -> new GzipMembers(in, what);
                case BZIP2 -> new BZip2CompressorInputStream(in, true);
                // xz -9 needs 64 MiB; a stream asking for more than the limit is hostile or broken, not a backup.
                case XZ -> XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true)
                        .setMemoryLimitKiB(XZ_MEMORY_LIMIT_KIB).get();
                case ZSTD, LZ4 -> throw new BackupFormatException(what + " is " + c.label()
                        + "-compressed, which heshell does not read yet; decompress it (" + c.label()
                        + " -d) and inspect the result");
            };
        } catch (EOFException e) {
            throw new BackupFormatException(what + ": the " + c.label() + " header is cut short; the file is"
                    + " truncated", e);
        } catch (IOException e) {
            throw new BackupFormatException(what + ": the " + c.label() + " header is damaged (" + e.getMessage()
                    + "); the file is not a readable " + c.label() + " stream", e);
        }
        return new Opened(c, c == NONE ? out : new Checked(out, counted, c.label(), what));
    }

    /**
     * {@code decompressed}, read from {@code compressed} by a decompressor of its own ({@code label}: "zlib"), with
     * the same one-line errors and expansion bound as a whole compressed stream.
     */
    static InputStream bounded(InputStream decompressed, CountingStream compressed, String label, String what) {
        return new Checked(decompressed, compressed, label, what);
    }

    /** A decompressed stream and what it was compressed with. */
    static final class Opened {
        private final Compression compression;
        private final InputStream stream;

        Opened(Compression compression, InputStream stream) {
            this.compression = compression;
            this.stream = stream;
        }

        Compression compression() {
            return compression;
        }

        InputStream stream() {
            return stream;
        }

        /**
         * The real cause of {@code found} when it is damaged compressed data: bzip2 and xz check a block only at
         * its end, so what a damaged block yields fails some other check first. Reads on to the decompressor's
         * own error, if there is one, and returns it; otherwise {@code found}.
         */
        BackupFormatException cause(BackupFormatException found) {
            if (!(stream instanceof Checked c) || c.failed) {
                return found;
            }
            try {
                stream.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (BackupFormatException integrity) {
                return c.failed ? integrity : found;
            } catch (IOException e) {
                return found;
            }
            return found;
        }
    }

    /**
     * gzip members one after another, as gzip -d reads them; anything after the last member that is not another
     * member is refused, as gzip reports it ("trailing garbage") and tar then fails.
     */
    private static final class GzipMembers extends BulkInputStream {
        private static final int FHCRC = 0x02;
        private static final int FEXTRA = 0x04;
        private static final int FNAME = 0x08;
        private static final int FCOMMENT = 0x10;
        private static final int HEADER_LIMIT = 1 << 15;

        /**
         * The member starting here, its header CRC checked first when the header carries one: gzip -d (and so tar)
         * refuses a member whose header CRC does not match, which the decompressor itself does not check.
         */
        private static GzipCompressorInputStream member(BufferedInputStream in, String what) throws IOException {
            in.mark(HEADER_LIMIT);
            byte[] fixed = in.readNBytes(10);
            if (fixed.length == 10 && (fixed[3] & FHCRC) != 0) {
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(fixed);
                int flags = fixed[3];
                if ((flags & FEXTRA) != 0) {
                    byte[] len = in.readNBytes(2);
                    crc.update(len);
                    int n = len.length < 2 ? 0 : (len[0] & 0xff) | (len[1] & 0xff) << 8;
                    crc.update(in.readNBytes(Math.min(n, HEADER_LIMIT - 64)));
                }
                int read = 0;
                for (int field : new int[] {FNAME, FCOMMENT}) {
                    for (int c = (flags & field) != 0 ? in.read() : 0; c > 0; c = in.read()) {
                        crc.update(c);
                        if (++read > HEADER_LIMIT / 2) {
                            throw new BackupFormatException(what + ": a gzip member's header names a file or"
                                    + " comment of more than 16 KiB; it is not an engine-backup archive");
                        }
                    }
                    if ((flags & field) != 0) {
                        crc.update(0);
                    }
                }
                int stored = in.read() | in.read() << 8;
                if (stored != (int) (crc.getValue() & 0xffff)) {
                    throw new BackupFormatException(what + ": a gzip member's header CRC does not match its header;"
                            + " gzip -d and tar refuse it, so the archive is damaged");
                }
            }
            in.reset();
            return new GzipCompressorInputStream(in, false);
        }

        private final BufferedInputStream in;
        private final String what;
        private GzipCompressorInputStream member;

        GzipMembers(BufferedInputStream in, String what) throws IOException {
            this.in = in;
            this.what = what;
            // Not concatenated: after a member the stream stands just past its trailer, where the next one begins.
            this.member = member(in, what);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (member != null) {
                int n = member.read(b, off, len);
                if (n >= 0) {
                    return n;
                }
                in.mark(2);
                int b0 = in.read();
                int b1 = in.read();
                in.reset();
                if (b0 < 0 || b0 == 0 && onlyZerosFollow()) {
                    // gzip -d takes zeros after the last member as padding (a tape's or a block device's).
                    member = null;
                } else if (b0 == 0x1f && b1 == 0x8b) {
                    member = member(in, what);
                } else {
                    throw new BackupFormatException(what + ": bytes after the end of the gzip stream; gzip calls"
                            + " them trailing garbage and tar fails on them, so the archive is damaged");
                }
            }
            return -1;
        }

        private boolean onlyZerosFollow() throws IOException {
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != 0) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /**
     * Turns the decompressor's errors into one line naming the stream and where, and stops a stream that expands
     * far beyond what real data does (a compression bomb) before it costs minutes.
     */
    private static final class Checked extends BulkInputStream {
        private final InputStream in;
        private final CountingStream compressed;
        private final String label;
        private final String what;
        private long out;
        private boolean failed;

        Checked(InputStream in, CountingStream compressed, String label, String what) {
            this.in = in;
            this.compressed = compressed;
            this.label = label;
            this.what = what;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (BackupFormatException e) {
                failed = true;
                throw e;
            } catch (EOFException e) {
                failed = true;
                throw new BackupFormatException(what + ": the " + label + " stream is cut short at"
                        + " byte " + compressed.count() + " (no end or trailer); the file is truncated", e);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw new BackupFormatException(what + ": the " + label + " data is corrupt near"
                        + " byte " + compressed.count() + " (" + e.getMessage() + "); the file is damaged", e);
            }
            if (n > 0) {
                out += n;
                if (out > ArchiveLimits.EXPANSION_FLOOR && out > ArchiveLimits.MAX_EXPANSION * compressed.count()) {
                    failed = true;
                    throw ArchiveLimits.exceeded(what, "the " + label + " data expands "
                            + out / Math.max(1, compressed.count()) + " times", ArchiveLimits.MAX_EXPANSION
                            + " times beyond the first " + (ArchiveLimits.EXPANSION_FLOOR >> 20) + " MiB");
                }
            }
            return n;
        }
    }
}
