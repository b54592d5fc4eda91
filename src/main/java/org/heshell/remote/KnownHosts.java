package org.heshell.remote;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import org.heshell.io.LocalFile;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Host keys recorded by machine name: heshell's own file (written) first, then read-only ones (~/.ssh/known_hosts,
 * the lab's). Entries are OpenSSH's format, hashed or not, read with sshj's parser.
 */
public final class KnownHosts {
    /** What the files say of a key presented by a machine. */
    public enum Verdict { KNOWN, UNKNOWN, CHANGED }

    /** The verdict, and for CHANGED, which file holds the other key. */
    public record Check(Verdict verdict, Path file) {
    }

    private final Path own;
    private final List<Path> readOnly;

    public KnownHosts(Path own, List<Path> readOnly) {
        this.own = own;
        this.readOnly = List.copyOf(readOnly);
    }

    public Path own() {
        return own;
    }

    public Check check(String name, PublicKey key) {
        KeyType type = KeyType.fromKey(key);
        List<Path> files = new ArrayList<>();
        files.add(own);
        files.addAll(readOnly);
        Path conflict = null;
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                continue;
            }
            try {
                String text = LocalFile.readText(f);
                for (OpenSSHKnownHosts.KnownHostEntry e : new OpenSSHKnownHosts(new StringReader(text)).entries()) {
                    if (e.appliesTo(type, name)) {
                        if (e.verify(key)) {
                            return new Check(Verdict.KNOWN, f);
                        }
                        conflict = conflict == null ? f : conflict;
                    }
                }
            } catch (IOException e) {
                throw new RemoteException("cannot read the known hosts file " + f + ": " + e.getMessage(), e);
            }
        }
        return conflict != null ? new Check(Verdict.CHANGED, conflict) : new Check(Verdict.UNKNOWN, null);
    }

    /** Records {@code key} for {@code name} in heshell's own file (0600, its directory 0700). */
    public void remember(String name, PublicKey key) {
        try {
            Path dir = own.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.exists(own)) {
                Files.createFile(own, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            }
            String line = name + " " + KeyType.fromKey(key) + " " + Base64.getEncoder().encodeToString(blob(key))
                    + "\n";
            Files.writeString(own, line, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new RemoteException("cannot record the host key of " + name + " in " + own + ": "
                    + e.getMessage(), e);
        }
    }

    /** The key's fingerprint as ssh shows it: SHA256:base64. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob(key));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }
}
