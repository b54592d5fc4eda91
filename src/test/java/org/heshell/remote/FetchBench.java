package org.heshell.remote;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import org.heshell.backup.Checksums;
import org.heshell.engine.Progress;

/**
 * For bench/sftp-fetch: fetches one file from a real sshd with heshell's fetch (the whole path: remote size,
 * download, remote sha256sum, compare) ROUNDS times in one JVM, so the first round is what a user's first fetch
 * in a fresh shell gets (its code not yet compiled) and the later ones what the shell gets once warm; each rate is
 * printed beside its ratio to OpenSSH's sftp get, and so is the transport's alone. Then times heshell's SHA-256.
 * Arguments: PORT IDENTITY KNOWN_HOSTS REMOTE LOCAL SFTP_GET_MBPS ROUNDS.
 */
public final class FetchBench {
    private FetchBench() {
    }

    /** Removes the copy and flushes dirty pages, which would slow the next writes. */
    private static void settle(Path local) throws Exception {
        Files.deleteIfExists(local);
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    /**
     * What sftp get does and no more: the fetch's pipelined reads into a file, without its digest or the remote
     * checksum (on loopback that one takes a core from the transfer; on two machines it runs on the engine's).
     */
    private static long transport(SFTPClient sftp, String remote, Path local) throws Exception {
        long done = 0;
        try (RemoteFile file = sftp.open(remote);
             InputStream in = file.new ReadAheadRemoteFileInputStream(SftpFetch.READ_AHEAD);
             OutputStream out = Files.newOutputStream(local)) {
            byte[] buf = new byte[SftpFetch.CHUNK_BYTES];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                out.write(buf, 0, n);
                done += n;
            }
        }
        return done;
    }

    public static void main(String[] args) throws Exception {
        SshTarget t = new SshTarget("bench.example", "127.0.0.1", Integer.parseInt(args[0]),
                System.getProperty("user.name"), Path.of(args[1]));
        Path local = Path.of(args[4]);
        double reference = Double.parseDouble(args[5]);
        int rounds = Integer.parseInt(args[6]);
        try (SshSession s = SshSession.open(t, new KnownHosts(Path.of(args[2]), List.of()), false, null);
             SFTPClient sftp = s.sftp()) {
            for (int round = 1; round <= rounds; round++) {
                settle(local);
                SftpFetch.Fetched f = SftpFetch.fetch(s, sftp, args[3], local, Progress.NONE);
                double verified = f.size() / 1e6 / (f.took().toNanos() / 1e9);
                settle(local);
                long t0 = System.nanoTime();
                long size = transport(sftp, args[3], local);
                double transport = size / 1e6 / ((System.nanoTime() - t0) / 1e9);
                System.out.printf("heshell fetch %d (%s): verified %.0f MB/s = %.2f x sftp get;"
                                + " then the transport alone %.0f MB/s = %.2f x%n", round,
                        round == 1 ? "fresh JVM" : "warm", verified, verified / reference, transport,
                        transport / reference);
            }
        }
        long t1 = System.nanoTime();
        Checksums.sha256(local);
        double s = (System.nanoTime() - t1) / 1e9;
        System.out.printf("heshell sha256: %.0f MB/s%n", Files.size(local) / 1e6 / s);
    }
}
