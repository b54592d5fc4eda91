package org.heshell.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.schmizz.sshj.sftp.SFTPClient;
import org.heshell.backup.Checksums;
import org.heshell.engine.Progress;

/**
 * For bench/sftp-fetch: fetches one file from a real sshd with heshell's fetch (the whole path: remote size,
 * download, remote sha256sum, compare) and prints its throughput; then times heshell's SHA-256 of the file.
 * Arguments: PORT IDENTITY KNOWN_HOSTS REMOTE LOCAL.
 */
public final class FetchBench {
    private FetchBench() {
    }

    public static void main(String[] args) throws Exception {
        SshTarget t = new SshTarget("bench.example", "127.0.0.1", Integer.parseInt(args[0]),
                System.getProperty("user.name"), Path.of(args[1]));
        Path local = Path.of(args[4]);
        Files.deleteIfExists(local);
        try (SshSession s = SshSession.open(t, new KnownHosts(Path.of(args[2]), List.of()), false, null);
             SFTPClient sftp = s.sftp()) {
            long t0 = System.nanoTime();
            SftpFetch.Fetched f = SftpFetch.fetch(s, sftp, args[3], local, Progress.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("heshell fetch: %.0f MB/s (%.2f s, verified); its download alone: %.0f MB/s (%.2f s)%n",
                    f.size() / 1e6 / seconds, seconds, f.size() / 1e6 / (f.download().toNanos() / 1e9),
                    f.download().toNanos() / 1e9);
        }
        long t1 = System.nanoTime();
        Checksums.sha256(local);
        double s = (System.nanoTime() - t1) / 1e9;
        System.out.printf("heshell sha256: %.0f MB/s%n", Files.size(local) / 1e6 / s);
    }
}
