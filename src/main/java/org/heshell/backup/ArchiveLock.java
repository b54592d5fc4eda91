package org.heshell.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;

/**
 * An exclusive lock on an archive's path while one run downloads, verifies and records it, so that two fetches of
 * the same file never write one partial download between them: the second waits, saying so. The lock is the
 * operating system's (released when the process dies, even by kill -9); its file (.NAME.lock) stays as long as the
 * archive does.
 */
public final class ArchiveLock implements AutoCloseable {
    private static final long POLL_MILLIS = 200;
    private final FileChannel channel;
    private final FileLock lock;

    private ArchiveLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    private static Path lockFile(Path archive) {
        return archive.resolveSibling("." + archive.getFileName() + ".lock");
    }

    /** Waits for and takes the lock on {@code archive}; {@code waiting} hears once why it waits. */
    public static ArchiveLock acquire(Path archive, Consumer<String> waiting) throws IOException, InterruptedException {
        Path file = lockFile(archive);
        FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
        boolean told = false;
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException sameProcess) {
                    lock = null;
                }
                if (lock != null) {
                    return new ArchiveLock(channel, lock);
                }
                if (!told) {
                    waiting.accept("waiting: another heshell is writing " + archive + "; this one goes on when that"
                            + " one ends (Ctrl-C to stop waiting)");
                    told = true;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /**
     * Removes the lock file of an archive that is gone (pruned), unless a run holds it now: the file stays while
     * the archive does, since removing a lock file another run waits on would let a third take a second lock.
     */
    static void removeIfFree(Path archive) throws IOException {
        Path file = lockFile(archive);
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                Files.deleteIfExists(file);
                lock.release();
            }
        } catch (OverlappingFileLockException | java.nio.file.NoSuchFileException held) {
            // held in this process, or gone already
        }
    }
}
