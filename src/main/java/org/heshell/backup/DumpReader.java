package org.heshell.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** A database dump of any kind engine-backup writes: custom or plain, optionally compressed as a whole. */
public final class DumpReader {
    private DumpReader() {
    }

    public static DumpInfo read(InputStream raw, String what, TableRows tables) {
        Compression.Opened opened = null;
        try {
            opened = Compression.open(raw, what);
            InputStream in = opened.stream();
            BufferedInputStream b = in instanceof BufferedInputStream x ? x : new BufferedInputStream(in, 65536);
            b.mark(8);
            byte[] head = b.readNBytes(5);
            b.reset();
            if (Arrays.equals(head, "PGDMP".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                return CustomDumpReader.read(b, what, tables);
            }
            return PlainDumpReader.read(b, what, tables);
        } catch (BackupFormatException e) {
            throw opened == null ? e : opened.cause(e);
        } catch (java.io.EOFException e) {
            throw new BackupFormatException(what + " ends early; the file is truncated", e);
        } catch (IOException e) {
            throw new BackupFormatException(what + " cannot be read: " + e.getMessage(), e);
        }
    }
}
