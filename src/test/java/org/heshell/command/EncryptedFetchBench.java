package org.heshell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.sftp.SFTPClient;
import org.heshell.backup.EncryptionKey;
import org.heshell.engine.Progress;
import org.heshell.remote.KnownHosts;
import org.heshell.remote.SftpFetch;
import org.heshell.remote.SshSession;
import org.heshell.remote.SshTarget;

/**
 * For bench/encrypted-fetch: one file fetched from a real sshd ROUNDS times each way in one JVM, alternately, so
 * that the machine's drift falls on both alike: heshell's plain verified fetch (remote size, download, remote
 * sha256sum, compare) and the same fetch encrypting to an OpenPGP key as the bytes arrive (and hashing the
 * encrypted file). Prints each round with the CPU time the JVM spent on it (what encryption adds shows there even
 * where the cores are shared), then the median of each and their ratio. The last encrypted copy is left at
 * LOCAL.gpg for the script to decrypt with gpg.
 * Arguments: PORT IDENTITY KNOWN_HOSTS REMOTE LOCAL PUBLIC_KEY ROUNDS.
 */
public final class EncryptedFetchBench {
    private EncryptedFetchBench() {
    }

    private static void settle(Path... files) throws Exception {
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    public static void main(String[] args) throws Exception {
        SshTarget t = new SshTarget("bench.example", "127.0.0.1", Integer.parseInt(args[0]),
                System.getProperty("user.name"), Path.of(args[1]));
        Path local = Path.of(args[4]);
        Path encrypted = Path.of(args[4] + ".gpg");
        EncryptionKey key = EncryptionKey.load(Path.of(args[5]), "--encrypt-to");
        int rounds = Integer.parseInt(args[6]);
        List<Double> plain = new ArrayList<>();
        List<Double> enc = new ArrayList<>();
        List<Double> plainCpu = new ArrayList<>();
        List<Double> encCpu = new ArrayList<>();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        try (SshSession s = SshSession.open(t, new KnownHosts(Path.of(args[2]), List.of()), false, null);
             SFTPClient sftp = s.sftp()) {
            for (int round = 1; round <= rounds; round++) {
                // Which goes first alternates too: the second of a pair finds the page cache warmer.
                for (boolean encrypt : round % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    settle(local, encrypted);
                    long cpu0 = os.getProcessCpuTime();
                    SftpFetch.Fetched f = encrypt
                            ? SftpFetch.fetch(s, sftp, args[3], encrypted, Progress.NONE,
                                    new EncryptingSink(key, local.getFileName().toString(), null))
                            : SftpFetch.fetch(s, sftp, args[3], local, Progress.NONE);
                    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / (f.size() / (double) (1 << 30));
                    double rate = f.size() / 1e6 / (f.took().toNanos() / 1e9);
                    (encrypt ? enc : plain).add(rate);
                    (encrypt ? encCpu : plainCpu).add(cpu);
                    System.out.printf("round %d: %s fetch %.0f MB/s, heshell's CPU %.1f s per GiB%s%n", round,
                            encrypt ? "encrypted" : "plain verified", rate, cpu, round == 1 ? " (fresh JVM)" : "");
                }
            }
            settle(local);
        }
        double p = median(plain.subList(1, plain.size()));
        double e = median(enc.subList(1, enc.size()));
        double ec = median(encCpu.subList(1, encCpu.size()));
        double pc = median(plainCpu.subList(1, plainCpu.size()));
        System.out.printf("median of rounds 2-%d: plain verified %.0f MB/s, encrypted %.0f MB/s;"
                + " encrypted takes %.2f x the plain fetch's time (%.0f%% slower); heshell's CPU per GiB %.1f s"
                + " against %.1f s (%.2f x; the machine's load shows in the time, less in this)%n", rounds, p, e,
                p / e, (p / e - 1) * 100, ec, pc, ec / pc);
    }
}
