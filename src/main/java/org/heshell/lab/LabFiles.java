package org.heshell.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writing the lab's files: secrets 0600 from their first byte, and replacements made atomically. */
final class LabFiles {
    private LabFiles() {
    }

    static OutputStream createPrivate(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static void writePrivate(Path file, String text) throws IOException {
        try (OutputStream out = createPrivate(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static void writePublic(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }

    /** Writes beside the target and renames over it, so a crash never leaves a half-written file. */
    static void replacePrivate(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = createPrivate(tmp)) {
            out.write(content);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
