package org.heshell.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import org.heshell.engine.Progress;

/**
 * Copies a file to a machine so that nothing unverified ever looks finished there: it grows as FILE.part, a later
 * copy resumes it when its sha256 equals the local file's first bytes', and it takes its final name only when its
 * whole sha256 there equals the local one.
 */
public final class SftpPut {
    private static final int WRITES_IN_FLIGHT = 32;

    private SftpPut() {
    }

    /** What a copy did: nothing, the file being there already, or copied (resumed at {@code resumedFrom}). */
    public record Put(boolean alreadyThere, long resumedFrom) {
    }

    /**
     * What is copied: a file's bytes as they are, or as the caller reads them out of it (an encrypted backup,
     * decrypted as it is read, so that the machine gets the archive itself and no clear copy is made here).
     */
    public interface Source {
        /** The bytes, from the start. */
        InputStream open() throws IOException;

        /** What the copy is of, in messages. */
        String name();

        /** A source of {@code file}'s own bytes. */
        static Source of(Path file) {
            return new Source() {
                @Override
                public InputStream open() throws IOException {
                    return Files.newInputStream(file);
                }

                @Override
                public String name() {
                    return file.toString();
                }
            };
        }
    }

    /**
     * Copies {@code local} to {@code remote} unless it is there already (same sha256). The local file is hashed
     * once: that digest decides "already there" and checks the finished copy.
     */
    public static Put put(SshSession session, SFTPClient sftp, Path local, String remote, Progress progress) {
        return put(session, sftp, Source.of(local), remote, progress);
    }

    /** Copies what {@code source} reads; it is read once to hash it, again to copy it (and its start to resume). */
    public static Put put(SshSession session, SFTPClient sftp, Source source, String remote, Progress progress) {
        String local = source.name();
        String where = session.target().name() + ":" + remote;
        String part = remote + ".part";
        try {
            long[] length = new long[1];
            String sha256 = hash(source, Long.MAX_VALUE, length);
            long size = length[0];
            if (sha256.equals(remoteSha256(session, remote))) {
                return new Put(true, 0);
            }
            long offset = 0;
            var attrs = sftp.statExistence(part);
            if (attrs != null && attrs.getSize() > 0 && attrs.getSize() <= size
                    && hash(source, attrs.getSize(), new long[1]).equals(remoteSha256(session, part))) {
                offset = attrs.getSize();
            }
            EnumSet<OpenMode> modes = offset == 0 ? EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC)
                    : EnumSet.of(OpenMode.WRITE);
            try (RemoteFile file = sftp.open(part, modes);
                 InputStream in = source.open()) {
                in.skipNBytes(offset);
                OutputStream out = file.new RemoteFileOutputStream(offset, WRITES_IN_FLIGHT);
                byte[] buf = new byte[32 * 1024];
                long done = offset;
                TransferMeter meter = new TransferMeter(progress, where, size);
                for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                    out.write(buf, 0, n);
                    done += n;
                    meter.moved(done);
                    if (Thread.currentThread().isInterrupted()) {
                        throw new RemoteException("stopped copying to " + where + " at " + done + " of " + size
                                + " bytes; copy again to resume");
                    }
                }
                out.close();
            }
            if (!sha256.equals(remoteSha256(session, part))) {
                session.run("rm -f " + SshSession.quote(part));
                throw new RemoteException("the copy at " + where + " does not match " + local + " (sha256); it was"
                        + " removed, copy again");
            }
            SshSession.Output mv = session.run("mv " + SshSession.quote(part) + " " + SshSession.quote(remote));
            if (mv.code() != 0) {
                throw new RemoteException("cannot rename " + part + " on " + session.target().name() + ": "
                        + mv.err().strip());
            }
            return new Put(false, offset);
        } catch (IOException e) {
            boolean interrupted = Thread.currentThread().isInterrupted();
            for (Throwable t = e; t != null && !interrupted; t = t.getCause()) {
                interrupted = t instanceof InterruptedException || t instanceof java.io.InterruptedIOException;
            }
            if (interrupted) {
                Thread.currentThread().interrupt(); // Ctrl-C, which sshj turned into an IOException without message
                throw new RemoteException("interrupted: stopped copying " + local + " to " + where
                        + "; the partial copy is kept there, copy again to resume", e);
            }
            throw new RemoteException("copying " + local + " to " + where + " failed at the network or disk ("
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                    + "); the partial copy is kept there, copy again to resume", e);
        }
    }

    /** The SHA-256 of the first {@code limit} bytes the source reads; how many there were goes to {@code length}. */
    private static String hash(Source source, long limit, long[] length) throws IOException {
        try (InputStream in = source.open()) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 17];
            long done = 0;
            while (done < limit) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, limit - done));
                if (n < 0) {
                    break;
                }
                md.update(buf, 0, n);
                done += n;
            }
            if (limit == Long.MAX_VALUE) {
                in.transferTo(OutputStream.nullOutputStream()); // an encrypted source checks its integrity at its end
            }
            length[0] = done;
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The remote file's sha256, or null when it is not there (or not readable). */
    private static String remoteSha256(SshSession session, String path) {
        try {
            return session.sha256(path);
        } catch (RemoteException e) {
            return null;
        }
    }
}
