package org.heshell.backup;

import java.io.IOException;
import java.io.InputStream;

/** A stream defined by its array read alone; a single byte is read through it, so every check applies to it too. */
abstract class BulkInputStream extends InputStream {
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
