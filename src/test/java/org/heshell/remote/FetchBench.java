package org.heshell.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.schmizz.sshj.sftp.SFTPClient;
import org.heshell.backup.Checksums;
import org.heshell.engine.Progress;

/**
 * For bench/sftp-fetch: fetches one file from a real sshd with heshell's fetch (the whole path: remote size,
 * download, remote sha256sum, compare) ROUNDS times in one JVM, so the first round is what a user's first fetch
 * in a fresh shell gets (its code not yet compiled) and the later ones what the shell gets once warm; each rate is
 * printed beside its ratio to OpenSSH's sftp get. Then times heshell's SHA-256 of the file.
 * Arguments: PORT IDENTITY KNOWN_HOSTS REMOTE LOCAL SFTP_GET_MBPS ROUNDS.
 */
public final class FetchBench {
    private FetchBench() {
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
                Files.deleteIfExists(local);
                // Dirty pages of the round before would slow this one's writes.
                new ProcessBuilder("sync").inheritIO().start().waitFor();
                long t0 = System.nanoTime();
                SftpFetch.Fetched f = SftpFetch.fetch(s, sftp, args[3], local, Progress.NONE);
                double verified = f.size() / 1e6 / ((System.nanoTime() - t0) / 1e9);
                double download = f.size() / 1e6 / (f.download().toNanos() / 1e9);
                System.out.printf("heshell fetch %d (%s): verified %.0f MB/s = %.2f x sftp get;"
                                + " download alone %.0f MB/s = %.2f x%n", round, round == 1 ? "fresh JVM" : "warm",
                        verified, verified / reference, download, download / reference);
            }
        }
        long t1 = System.nanoTime();
        Checksums.sha256(local);
        double s = (System.nanoTime() - t1) / 1e9;
        System.out.printf("heshell sha256: %.0f MB/s%n", Files.size(local) / 1e6 / s);
    }
}
