package org.heshell.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small files a user names: a FIFO, a directory, binary or huge content each refused at once, in words. */
class LocalFileTest {
    @TempDir
    Path dir;

    @Test
    void aFifoIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("password");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        // Opening a FIFO nobody writes to blocks forever: the refusal must come first.
        IOException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(IOException.class, () -> LocalFile.readText(fifo)));
        assertEquals("it is a FIFO (named pipe), not a regular file", e.getMessage());
        assertEquals("it is a FIFO (named pipe), not a regular file", assertThrows(IOException.class,
                () -> LocalFile.open(fifo)).getMessage());
    }

    @Test
    void aDirectoryBinaryAndHugeFilesAreRefusedSayingWhatTheyAre() throws Exception {
        assertEquals("it is a directory, not a regular file", assertThrows(IOException.class,
                () -> LocalFile.readText(dir)).getMessage());
        Path binary = Files.write(dir.resolve("engines"), new byte[] {(byte) 0xff, (byte) 0xfe, '[', 'a', ']'});
        assertEquals("it is not UTF-8 text (a binary file, or text in another encoding)",
                assertThrows(IOException.class, () -> LocalFile.readText(binary)).getMessage());
        Path huge = dir.resolve("huge");
        try (var out = Files.newOutputStream(huge)) {
            out.write(new byte[(int) LocalFile.TEXT_LIMIT + 1]);
        }
        assertEquals("it is " + (LocalFile.TEXT_LIMIT + 1) + " bytes, more than the 4 MiB heshell reads of such a"
                + " file; is it the right file?", assertThrows(IOException.class,
                () -> LocalFile.readText(huge)).getMessage());
        assertEquals("pw\nü\n", LocalFile.readText(Files.writeString(dir.resolve("ok"), "pw\nü\n")));
    }
}
