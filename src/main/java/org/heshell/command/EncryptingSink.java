package org.heshell.command;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.heshell.backup.EncryptionKey;
import org.heshell.backup.InspectionAsItComes;
import org.heshell.backup.OpenPgp;
import org.heshell.remote.SftpFetch;

/**
 * A fetch that writes only ciphertext: each chunk is encrypted to the key as it arrives (nothing clear reaches the
 * disk), the encrypted file's own SHA-256 is taken as it is written, and the clear bytes are also handed to an
 * inspection (when given) that checks the archive's entries on the way.
 */
public final class EncryptingSink implements SftpFetch.Sink {
    private final EncryptionKey key;
    private final String name;
    private final InspectionAsItComes inspection;
    private final MessageDigest written = sha256();
    private long size;

    /** {@code name}: the clear archive's file name, kept in the message; {@code inspection}: null for none. */
    public EncryptingSink(EncryptionKey key, String name, InspectionAsItComes inspection) {
        this.key = key;
        this.name = name;
        this.inspection = inspection;
    }

    @Override
    public OutputStream open(OutputStream part) throws IOException {
        OutputStream hashed = new FilterOutputStream(part) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written.update(b, off, len);
                size += len;
            }
        };
        // On a thread of its own: AES in CFB mode runs block after block, and beside the transfer it costs no time.
        OutputStream encrypted = new Pipelined(OpenPgp.encrypt(hashed, key, name));
        if (inspection == null) {
            return encrypted;
        }
        OutputStream checked = inspection.input();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                encrypted.write(b, off, len);
                checked.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    encrypted.close();
                } finally {
                    checked.close();
                }
            }
        };
    }

    /**
     * Hands what is written to a thread that writes it into {@code out}, through a few buffers that go round: the
     * writer waits only when all are full. An error on that thread comes out of the next write or the close.
     */
    static final class Pipelined extends OutputStream {
        private static final int BUFFER = 1 << 17;
        private static final int BUFFERS = 8;
        private final java.util.concurrent.BlockingQueue<java.nio.ByteBuffer> free =
                new java.util.concurrent.ArrayBlockingQueue<>(BUFFERS);
        private final java.util.concurrent.BlockingQueue<java.nio.ByteBuffer> full =
                new java.util.concurrent.ArrayBlockingQueue<>(BUFFERS + 1);
        private static final java.nio.ByteBuffer END = java.nio.ByteBuffer.allocate(0);
        private final Thread worker;
        private volatile IOException failure;
        private boolean closed;

        Pipelined(OutputStream out) {
            for (int i = 0; i < BUFFERS; i++) {
                free.add(java.nio.ByteBuffer.allocate(BUFFER));
            }
            worker = new Thread(() -> drain(out), "encrypt");
            worker.setDaemon(true);
            worker.start();
        }

        private void drain(OutputStream out) {
            try (out) {
                for (java.nio.ByteBuffer b = full.take(); b != END; b = full.take()) {
                    if (failure == null) {
                        out.write(b.array(), 0, b.position());
                    }
                    b.clear();
                    free.put(b);
                }
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new IOException(e.getMessage(), e);
            } catch (InterruptedException e) {
                failure = new java.io.InterruptedIOException("interrupted");
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                while (len > 0) {
                    check();
                    java.nio.ByteBuffer buf = free.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (buf == null) {
                        continue; // all in flight; the check above sees a worker that failed
                    }
                    int n = Math.min(len, BUFFER);
                    buf.put(b, off, n);
                    full.put(buf);
                    off += n;
                    len -= n;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                worker.interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
        }

        private void check() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                full.put(END);
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                worker.interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
            check();
        }
    }

    @Override
    public boolean resumable() {
        return false;
    }

    /** The SHA-256 of the encrypted file as written (valid once the fetch returned). */
    public String fileSha256() {
        return HexFormat.of().formatHex(written.digest());
    }

    public long fileSize() {
        return size;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
