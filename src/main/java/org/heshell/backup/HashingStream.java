package org.heshell.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes every byte that passes, skipped bytes included: DigestInputStream's skip goes around the digest, and a
 * reader that skips data it does not need would otherwise leave part of an entry unchecked.
 */
final class HashingStream extends FilterInputStream {
    private final MessageDigest[] digests;
    private final byte[] skipBuffer = new byte[65536];

    HashingStream(InputStream in, MessageDigest... digests) {
        super(in);
        this.digests = digests;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            for (MessageDigest d : digests) {
                d.update((byte) b);
            }
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            for (MessageDigest d : digests) {
                d.update(b, off, n);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long done = 0;
        while (done < n) {
            int got = read(skipBuffer, 0, (int) Math.min(skipBuffer.length, n - done));
            if (got < 0) {
                break;
            }
            done += got;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
