package org.heshell.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real gpg in a throwaway GNUPGHOME: a key made with --quick-gen-key, exported as the files heshell takes
 * (public.asc for --encrypt-to, private.asc for --decrypt-with), and gpg itself to decrypt what heshell wrote.
 */
public final class GpgFixture implements AutoCloseable {
    private final Path home;
    private final String passphrase;
    public final Path publicKey;
    public final Path privateKey;
    public final String fingerprint;

    private GpgFixture(Path home, String passphrase, Path publicKey, Path privateKey, String fingerprint) {
        this.home = home;
        this.passphrase = passphrase;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.fingerprint = fingerprint;
    }

    /**
     * A new key: {@code algo} as --quick-gen-key takes it ("default" is gpg's rsa3072, "future-default" ed25519
     * with a cv25519 subkey), protected by {@code passphrase} ("" for none), its files in {@code dir}.
     */
    public static GpgFixture create(Path dir, String name, String algo, String passphrase) throws Exception {
        Path home = Files.createDirectories(dir.resolve("gnupg-" + name));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        GpgFixture g = new GpgFixture(home, passphrase, dir.resolve(name + "-public.asc"),
                dir.resolve(name + "-private.asc"), null);
        g.gpg("--quick-gen-key", name + " <" + name + "@example.com>", algo, "default", "never");
        Files.write(g.publicKey, g.gpg("--armor", "--export"));
        Files.createFile(g.privateKey, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.write(g.privateKey, g.gpg("--armor", "--export-secret-keys"));
        String colons = new String(g.gpg("--with-colons", "--list-keys"), StandardCharsets.UTF_8);
        String fpr = colons.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        return new GpgFixture(home, passphrase, g.publicKey, g.privateKey, fpr);
    }

    /** gpg --decrypt of {@code file} into {@code out}; what gpg wrote on stderr when it fails. */
    public void decrypt(Path file, Path out) throws Exception {
        gpg("--output", out.toString(), "--decrypt", file.toString());
    }

    /** gpg --encrypt of {@code file} to this key (gpg's defaults: compression as it decides, armor off). */
    public void encrypt(Path file, Path out) throws Exception {
        gpg("--trust-model", "always", "--recipient", fingerprint, "--output", out.toString(), "--encrypt",
                file.toString());
    }

    private byte[] gpg(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("gpg", "--batch", "--quiet", "--pinentry-mode", "loopback",
                "--passphrase", passphrase));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("GNUPGHOME", home.toString());
        Path err = Files.createTempFile(home, "gpg", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("gpg " + String.join(" ", args) + " failed: " + Files.readString(err));
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("gpgconf", "--kill", "all");
        pb.environment().put("GNUPGHOME", home.toString());
        pb.redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    }
}
