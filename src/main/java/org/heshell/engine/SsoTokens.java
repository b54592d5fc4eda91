package org.heshell.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * SSO tokens kept between runs, one file per Manager URL and user (named by a digest of both), so that a one-shot
 * run does not log in again: the directory is 0700 and each file 0600, and a file anyone else could read or write
 * is not used. A token the Manager rejects, or one logged out, is dropped. Failing to keep a token costs only a
 * login next time, so writing never fails a command.
 */
public final class SsoTokens {
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private final Path dir;

    public SsoTokens(Path dir) {
        this.dir = dir;
    }

    /** The file that holds the token of {@code user} on the Manager at {@code url}. */
    Path file(String url, String user) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] digest = md.digest((url + "\n" + user).getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token kept for this Manager and user; empty when none is, or its file is not private. */
    Optional<String> read(EngineTarget target) {
        Path f = file(target.url(), target.user());
        try {
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                    || !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS))) {
                return Optional.empty();
            }
            String token = Files.readString(f, StandardCharsets.US_ASCII).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Keeps {@code token} for the next run. */
    void save(EngineTarget target, String token) {
        if (token == null || token.isEmpty()) {
            return;
        }
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            // written whole under a name of its own, then renamed: another run never reads half a token
            Path tmp = Files.createTempFile(dir, ".token", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try {
                Files.writeString(tmp, token, StandardCharsets.US_ASCII);
                try {
                    Files.move(tmp, file(target.url(), target.user()), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file(target.url(), target.user()), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not kept: the next run logs in
        }
    }

    /** Forgets the token of this Manager and user (rejected, or logged out). */
    void drop(EngineTarget target) {
        try {
            Files.deleteIfExists(file(target.url(), target.user()));
        } catch (IOException e) {
            // a token that cannot be deleted is rejected by the Manager next time, and dropped again
        }
    }

    @Override
    public String toString() {
        return "SSO tokens in " + dir; // never a token
    }
}
