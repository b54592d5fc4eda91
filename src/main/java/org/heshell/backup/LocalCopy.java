package org.heshell.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Copies a backup into a directory (a disk, an NFS or CIFS mount) so that nothing unverified looks finished there:
 * it is written as .NAME.part (0600, it holds the engine CA key), flushed to the device, read back and hashed
 * there, and renamed to its name only when that SHA-256 is the backup's.
 */
public final class LocalCopy {
    private LocalCopy() {
    }

    /** Copies {@code file} into {@code dir}; returns the copy's path. */
    public static Path copy(Path file, Path dir, String sha256) throws IOException {
        Path target = dir.resolve(file.getFileName());
        Path part = dir.resolve("." + file.getFileName() + ".part");
        Files.deleteIfExists(part);
        Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (InputStream in = Files.newInputStream(file);
                 FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                in.transferTo(out);
                out.flush();
                channel.force(true); // the far side holds the bytes before we read them back
            }
            String there = Checksums.sha256(part);
            if (!there.equals(sha256)) {
                throw new IOException("the copy in " + dir + " reads back with sha256 " + there.substring(0, 12)
                        + "… instead of " + sha256.substring(0, 12) + "…; the destination is not storing what it is"
                        + " given");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Whether the copy at {@code path} still has the backup's SHA-256. */
    public static boolean matches(Path path, String sha256) {
        try {
            return Files.isRegularFile(path) && Checksums.sha256(path).equals(sha256);
        } catch (IOException e) {
            return false;
        }
    }
}
