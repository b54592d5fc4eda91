package org.heshell.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Inspects an archive while it is being written elsewhere (encrypted, so that it can never be read back without
 * the private key): what is written into {@link #input()} is read, on a thread of its own, exactly as
 * {@link BackupArchive#inspect(Path)} reads a file. At most a few MiB wait between the two; once the inspection
 * has its answer (or has failed), further bytes are passed over, so the writer never waits on it.
 */
public final class InspectionAsItComes {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(32);
    private final Thread thread;
    private volatile boolean done;
    private volatile BackupContents contents;
    private volatile RuntimeException failure;

    /** {@code file}: the name the inspection gives in its messages and its result. */
    public InspectionAsItComes(Path file) {
        thread = new Thread(() -> run(file), "inspect-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Path file) {
        try (InputStream in = new Chunks()) {
            contents = BackupArchive.read(in, file);
            in.transferTo(OutputStream.nullOutputStream()); // to its end, so the last chunk is taken
        } catch (BackupFormatException e) {
            failure = e;
        } catch (IOException | RuntimeException e) {
            failure = new BackupFormatException("cannot read " + file + " as it comes: " + e.getMessage(), e);
        } finally {
            done = true;
            chunks.clear();
        }
    }

    /** Where the archive's bytes are written; closing it says the archive is whole. */
    public OutputStream input() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    put(java.util.Arrays.copyOfRange(b, off, off + len));
                }
            }

            @Override
            public void close() throws IOException {
                put(END);
            }
        };
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!done && !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                // the inspection is busy with what came before
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    /** What the inspection found, once the archive was written whole; its failure in one line otherwise. */
    public BackupContents contents() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupFormatException("interrupted while the archive was being checked", e);
        }
        if (failure != null) {
            throw failure;
        }
        return contents;
    }

    /** Stops the inspection of an archive that will not be written whole. */
    public void abandon() {
        thread.interrupt();
    }

    /** The chunks in order, as a stream; its end is the END chunk. */
    private final class Chunks extends BulkInputStream {
        private byte[] current = new byte[0];
        private int at;
        private boolean ended;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (at == current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("the archive was not written whole");
                }
                at = 0;
                if (current == END) {
                    ended = true;
                }
            }
            int n = Math.min(len, current.length - at);
            System.arraycopy(current, at, b, off, n);
            at += n;
            return n;
        }
    }
}
