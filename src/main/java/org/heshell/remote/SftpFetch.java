package org.heshell.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import org.heshell.engine.Progress;

/**
 * Fetches a file over SFTP so that nothing unverified ever looks finished: the download grows in FILE.part (0600)
 * beside its final name; a later fetch resumes it only when the remote file's first bytes still hash the same
 * (`head -c N FILE | sha256sum` there), else starts over; and the file takes its final name only when its SHA-256,
 * computed while downloading, equals the remote one (see {@link SshSession#sha256(String)}).
 */
public final class SftpFetch {
    /**
     * Reads in flight. With the session's 16 MiB window, 32 reads of up to 128 KiB keep the pipe full; more only
     * queue behind the window (bench/sftp-fetch, which reads with it alone to time the transport).
     */
    static final int READ_AHEAD = 32;

    /** Bytes taken from the stream per read and per digest update: one reply of up to 128 KiB. */
    static final int CHUNK_BYTES = 1 << 17;

    /**
     * A verified file: where, how big, its SHA-256, whether a partial download was resumed, how long it took.
     */
    public record Fetched(Path file, long size, String sha256, long resumedFrom, Duration took) {
    }

    /**
     * The fetch did not finish and its partial download is kept for the next one: stopped by the user
     * ({@code interrupted}, Ctrl-C) or broken at the network or disk. The caller adds the command that resumes it.
     */
    public static final class Kept extends RemoteException {
        private final boolean interrupted;
        private final boolean resumable;

        Kept(String message, boolean interrupted, Throwable cause) {
            this(message, interrupted, true, cause);
        }

        Kept(String message, boolean interrupted, boolean resumable, Throwable cause) {
            super(message, cause);
            this.interrupted = interrupted;
            this.resumable = resumable;
        }

        public boolean interrupted() {
            return interrupted;
        }

        /** Whether the next fetch goes on where this one stopped (false: it starts again, nothing was kept). */
        public boolean resumable() {
            return resumable;
        }
    }

    /**
     * Where the fetched bytes go on their way to FILE.part: straight in ({@link #PLAIN}), or through a stream of
     * the caller's (encryption) that writes something else, which a later fetch cannot continue.
     */
    public interface Sink {
        Sink PLAIN = new Sink() {
            @Override
            public OutputStream open(OutputStream part) {
                return part;
            }

            @Override
            public boolean resumable() {
                return true;
            }
        };

        /** The stream the fetched bytes are written into, over the stream to the .part file; closing closes both. */
        OutputStream open(OutputStream part) throws IOException;

        /** Whether FILE.part holds the fetched bytes themselves, so that a broken fetch can resume it. */
        boolean resumable();
    }

    private SftpFetch() {
    }

    public static Fetched fetch(SshSession session, SFTPClient sftp, String remote, Path target, Progress progress) {
        return fetch(session, sftp, remote, target, progress, Sink.PLAIN);
    }

    /**
     * Fetches {@code remote} through {@code sink}: the SHA-256 compared with the remote one is always that of the
     * bytes fetched, before the sink. A sink that cannot resume starts afresh, and what it wrote is deleted when
     * the fetch does not finish (an encrypted part can be continued by no one).
     */
    public static Fetched fetch(SshSession session, SFTPClient sftp, String remote, Path target, Progress progress,
                                Sink sink) {
        try {
            return fetchThrough(session, sftp, remote, target, progress, sink);
        } catch (Kept e) {
            if (sink.resumable()) {
                throw e;
            }
            Path part = target.resolveSibling(target.getFileName() + ".part");
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // named below: the user can remove it
            }
            throw new Kept(e.getMessage().replaceFirst("; the partial download \\S+ is kept$", "")
                    .replaceFirst("; the download is kept$", "") + "; nothing was kept (an encrypted download"
                    + " cannot be resumed)", e.interrupted(), false, e);
        }
    }

    private static Fetched fetchThrough(SshSession session, SFTPClient sftp, String remote, Path target,
                                        Progress progress, Sink sink) {
        long t0 = System.nanoTime();
        String where = session.target().name() + ":" + remote;
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long size = -1;
        try {
            try {
                size = sftp.size(remote);
            } catch (SFTPException e) {
                throw new RemoteException("cannot fetch " + where + ": " + e.getMessage().toLowerCase()
                        + "; check the path (`ls` it on the machine)", e);
            }
            long usable = Files.getFileStore(target.toAbsolutePath().getParent()).getUsableSpace();
            MessageDigest sha = sha256();
            long offset = sink.resumable() ? resumable(session, remote, part, size, sha) : 0;
            if (size - offset > usable) {
                throw new RemoteException("cannot fetch " + where + ": it needs " + (size - offset) / (1 << 20)
                        + " MiB and " + target.toAbsolutePath().getParent() + " has " + usable / (1 << 20)
                        + " MiB free; free space or fetch elsewhere with --to");
            }
            if (offset == 0) {
                Files.deleteIfExists(part);
                Files.createFile(part, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            }
            // The remote checksum runs while the file comes: on a real network the two machines work at once.
            CompletableFuture<String> expected = CompletableFuture.supplyAsync(
                    () -> session.sha256(remote), SftpFetch::daemon);
            long done = offset;
            // Not try-with-resources for the remote side: when the link drops, sshj throws the same exception from
            // the read and from close, and suppressing an exception into itself fails with another one.
            RemoteFile file = sftp.open(remote);
            InputStream in = null;
            try (OutputStream out = sink.open(Files.newOutputStream(part, StandardOpenOption.APPEND))) {
                in = file.new ReadAheadRemoteFileInputStream(READ_AHEAD, offset);
                byte[] buf = new byte[CHUNK_BYTES];
                TransferMeter meter = new TransferMeter(progress, remote, size);
                for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                    out.write(buf, 0, n);
                    sha.update(buf, 0, n);
                    done += n;
                    meter.moved(done);
                    if (Thread.currentThread().isInterrupted()) {
                        throw stopped(where, done, size, part, null);
                    }
                }
            } finally {
                closeQuietly(in);
                closeQuietly(file);
            }
            String local = HexFormat.of().formatHex(sha.digest());
            String there = await(expected, where);
            if (done != size || !local.equals(there)) {
                Files.deleteIfExists(part);
                throw new RemoteException("the download of " + where + " does not match it (" + done + " of " + size
                        + " bytes, sha256 " + local.substring(0, 12) + "… against " + there.substring(0, 12)
                        + "…); it was discarded, fetch again");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Fetched(target, size, local, offset, Duration.ofNanos(System.nanoTime() - t0));
        } catch (NoSuchFileException e) {
            throw new RemoteException("cannot fetch " + where + " to " + target + ": " + e.getFile()
                    + " does not exist; create the directory first", e);
        } catch (IOException e) {
            if (interrupted(e)) {
                throw stopped(where, -1, size, part, e);
            }
            throw new Kept("fetching " + where + " failed at the network or disk (" + (e.getMessage() != null
                    ? e.getMessage() : e.getClass().getSimpleName()) + "); the partial download "
                    + part.getFileName() + " is kept", false, e);
        }
    }

    /** Ctrl-C: sshj turns the interrupt into an IOException (with no message) around an InterruptedException. */
    private static boolean interrupted(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    private static Kept stopped(String where, long done, long size, Path part, Throwable cause) {
        long have = done;
        if (have < 0) {
            try {
                have = Files.isRegularFile(part) ? Files.size(part) : 0;
            } catch (IOException e) {
                have = 0;
            }
        }
        Thread.currentThread().interrupt(); // the shell ends the command as stopped (exit 130)
        return new Kept("interrupted: stopped fetching " + where + " at " + have + (size >= 0 ? " of " + size : "")
                + " bytes; the partial download " + part.getFileName() + " is kept", true, cause);
    }

    /**
     * How many bytes of an earlier partial download can be kept: all of them when the remote file's first bytes
     * hash the same (the digest then covers them), none otherwise.
     */
    private static long resumable(SshSession session, String remote, Path part, long size, MessageDigest sha)
            throws IOException {
        if (!Files.isRegularFile(part)) {
            return 0;
        }
        long have = Files.size(part);
        if (have == 0 || have > size) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(part)) {
            byte[] buf = new byte[CHUNK_BYTES];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
            }
        }
        String local;
        try {
            local = HexFormat.of().formatHex(((MessageDigest) sha.clone()).digest());
        } catch (CloneNotSupportedException e) {
            sha.reset();
            return 0;
        }
        String there = session.sha256(remote, have);
        if (!local.equals(there)) {
            sha.reset(); // the remote file changed since: start over
            return 0;
        }
        return have;
    }

    private static String await(CompletableFuture<String> checksum, String where) {
        try {
            return checksum.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Kept("interrupted: stopped waiting for the checksum of " + where + "; the download is kept",
                    true, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RemoteException r ? r
                    : new RemoteException("cannot checksum " + where + " there: " + e.getCause().getMessage(), e);
        }
    }

    private static void daemon(Runnable task) {
        Thread t = new Thread(task, "remote-sha256sum");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the transfer's own outcome is what the user needs to hear about
            }
        }
    }


    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
