package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.heshell.backup.Catalog;
import org.heshell.backup.CatalogEntry;
import org.heshell.backup.Checksums;
import org.heshell.command.CommandException;
import org.heshell.command.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `backup copy` to a directory and over SFTP to a lab machine: checked on the far side, recorded, refused early. */
class BackupCopyTest {
    @TempDir
    Path dir;

    @Test
    void aBackupIsCopiedToADirectoryAndOverSftpCheckedThereAndRecorded() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().awaitMachines();
            Files.writeString(dir.resolve("known_hosts"), "");
            CatalogEntry b = ((Result.BackupRecorded) shell.commands.execute(List.of("backup", "create"))).entry();
            Path mount = Files.createDirectories(dir.resolve("mnt"));
            String local = ((Result.Text) shell.commands.execute(List.of("backup", "copy", b.id(), "--to",
                    mount.toString()))).text();
            Path copy = mount.resolve(b.file().getFileName());
            assertEquals("Copied " + b.id() + " to " + copy + " (" + (b.size() + 1023) / 1024 + " KiB); its sha256 was"
                    + " read back there and matches", local);
            assertEquals(b.sha256(), Checksums.sha256(copy));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
            try (var files = Files.list(mount)) {
                assertEquals(1, files.count(), "no partial file is left beside it");
            }

            String remote = ((Result.Text) shell.commands.execute(List.of("backup", "copy", b.id(), "--to",
                    "sftp://host4.lab.example/root"))).text();
            assertTrue(remote.contains(" to sftp://host4.lab.example/root/" + b.file().getFileName()), remote);
            Path there = dir.resolve("lab/machines/host4.lab.example/root").resolve(b.file().getFileName());
            assertEquals(b.sha256(), Checksums.sha256(there));

            CatalogEntry recorded = shell.commands.provided(Catalog.class).find(b.id()).orElseThrow();
            assertEquals(List.of(copy.toString(), "sftp://host4.lab.example/root/" + b.file().getFileName()),
                    recorded.copies().stream().map(c -> c.location()).toList());
            assertTrue(recorded.copies().stream().allMatch(c -> c.matches()));

            // A copy altered on the far side is caught by backup verify, named, and recorded as not matching.
            Files.write(there, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
            CommandException altered = assertThrows(CommandException.class,
                    () -> shell.commands.execute(List.of("backup", "verify", b.id())));
            assertEquals("backup " + b.id() + " verifies, but its copy at sftp://host4.lab.example/root/"
                    + b.file().getFileName() + " does not match it any more (altered or gone); copy it again with"
                    + " `backup copy " + b.id() + " --to DEST`", altered.getMessage());
            CatalogEntry after = shell.commands.provided(Catalog.class).find(b.id()).orElseThrow();
            assertEquals(List.of(true, false), after.copies().stream().map(c -> c.matches()).toList());
            assertTrue(after.verified(), "the backup itself still verifies");
        }
    }

    @Test
    void whatCannotWorkIsRefusedBeforeAnythingIsCopied() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().awaitMachines();
            Files.writeString(dir.resolve("known_hosts"), "");
            CatalogEntry b = ((Result.BackupRecorded) shell.commands.execute(List.of("backup", "create"))).entry();
            assertEquals("--to " + dir.resolve("nosuch") + " is not a directory; create it (or mount it) first",
                    refused(shell, b.id(), dir.resolve("nosuch").toString()));
            assertEquals("host4.lab.example has no directory /nosuch; create it first",
                    refused(shell, b.id(), "sftp://host4.lab.example/nosuch"));
            assertEquals("--to sftp://someone@host4.lab.example/root must be sftp://HOST/DIR (the user is the shell's"
                    + " SSH user)", refused(shell, b.id(), "sftp://someone@host4.lab.example/root"));
            assertEquals("no backup 'nosuch' in the catalog (`backup list` shows them)",
                    refused(shell, "nosuch", dir.toString()));
            // A backup that changed after its fetch is never spread.
            Files.write(b.file(), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
            assertTrue(refused(shell, b.id(), dir.toString()).endsWith("`backup verify " + b.id()
                    + "` says why; nothing was copied"));
            assertTrue(shell.commands.provided(Catalog.class).find(b.id()).orElseThrow().copies().isEmpty());
        }
    }

    /** A small file system of its own at {@code at} (tmpfs, {@code options}); the test is skipped where none mounts. */
    private static void mount(Path at, String options) throws Exception {
        Files.createDirectories(at);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString())
                .redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "a small tmpfs can be mounted here");
    }

    private static void umount(Path at) throws Exception {
        new ProcessBuilder("umount", at.toString()).start().waitFor();
    }

    private static List<String> names(Path d) throws Exception {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aDestinationThatIsReadOnlyOrFullIsOneLineAndNothingIsCopiedOrRecorded() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().awaitMachines();
            CatalogEntry b = ((Result.BackupRecorded) shell.commands.execute(List.of("backup", "create"))).entry();
            String before = Checksums.sha256(b.file());
            Path readOnly = dir.resolve("ro");
            mount(readOnly, "ro,size=64k,mode=0755");
            try {
                assertEquals("--to " + readOnly + " is on a read-only file system; nothing was copied (mount it"
                        + " read-write, or copy elsewhere)", refused(shell, b.id(), readOnly.toString()));
            } finally {
                umount(readOnly);
            }
            // A destination with less room than the backup's file: refused before a byte is written.
            Path full = dir.resolve("full");
            mount(full, "size=8k,mode=0700");
            try {
                try (var out = Files.newOutputStream(full.resolve("filler"))) {
                    out.write(new byte[6 << 10]);
                }
                long free = Files.getFileStore(full).getUsableSpace();
                assertTrue(free < Files.size(b.file()), free + " bytes free");
                assertEquals("--to " + full + " has " + (free + 1023) / 1024 + " KiB free and the backup needs "
                        + (Files.size(b.file()) + 1023) / 1024 + " KiB; nothing was copied (free space there, or copy"
                        + " elsewhere)", refused(shell, b.id(), full.toString()));
                assertEquals(List.of("filler"), names(full), "no partial copy is left there");
            } finally {
                umount(full);
            }
            CatalogEntry after = shell.commands.provided(Catalog.class).find(b.id()).orElseThrow();
            assertTrue(after.copies().isEmpty() && after.verified(), after.toString());
            assertEquals(before, Checksums.sha256(b.file()), "the backup itself is untouched");
        }
    }

    private static String refused(ShellFixture shell, String id, String to) {
        return assertThrows(CommandException.class,
                () -> shell.commands.execute(List.of("backup", "copy", id, "--to", to))).getMessage();
    }
}
