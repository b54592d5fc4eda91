package org.heshell.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** The compression of a stream, told from its first bytes, never from a file name. */
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

    /** The decompressed stream; {@code what} names it in errors. */
    static InputStream open(InputStream raw, String what) throws IOException {
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 65536);
        Compression c = detect(in);
        return switch (c) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, 65536);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            // xz -9 needs 64 MiB; a stream asking for more than the limit is hostile or broken, not a backup.
            case XZ -> XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true)
                    .setMemoryLimitKiB(XZ_MEMORY_LIMIT_KIB).get();
            case ZSTD, LZ4 -> throw new BackupFormatException(what + " is " + c.name().toLowerCase()
                    + "-compressed, which heshell does not read yet; decompress it (" + c.name().toLowerCase()
                    + " -d) and inspect the result");
        };
    }
}
