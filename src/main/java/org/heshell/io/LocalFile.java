package org.heshell.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A small local file a user names (a password file, a CA, a key, ~/.heshell/engines), read only when it is what it
 * claims: a FIFO given by mistake would block a shell forever, a device would be read without end, and text that is
 * not UTF-8 would be misread silently. Each refusal is an {@link IOException} whose message completes "cannot read
 * FILE: ...".
 */
public final class LocalFile {
    /** Far above any key, certificate bundle or configuration file heshell reads. */
    public static final long TEXT_LIMIT = 4L << 20;

    private LocalFile() {
    }

    /** Refuses anything but a regular file (a FIFO, a device, a socket, a directory), saying what it is. */
    public static void requireRegular(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (!a.isRegularFile()) {
            throw new IOException("it is " + kind(file, a) + ", not a regular file");
        }
    }

    /** What {@code file} is when it is not a regular file: "a directory", "a FIFO (named pipe)", ... */
    public static String kind(Path file, BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a directory";
        }
        try {
            return switch ((Integer) Files.getAttribute(file, "unix:mode") & 0170000) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "not a regular file";
        }
    }

    /** A stream of a regular file (a key or certificate read by a parser of its own). */
    public static java.io.InputStream open(Path file) throws IOException {
        requireRegular(file);
        return Files.newInputStream(file);
    }

    /** The whole of a small regular file as UTF-8 text; a missing file stays a {@link NoSuchFileException}. */
    public static String readText(Path file) throws IOException {
        requireRegular(file);
        long size = Files.size(file);
        if (size > TEXT_LIMIT) {
            throw new IOException("it is " + size + " bytes, more than the " + (TEXT_LIMIT >> 20)
                    + " MiB heshell reads of such a file; is it the right file?");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("it is not UTF-8 text (a binary file, or text in another encoding)");
        }
    }
}
