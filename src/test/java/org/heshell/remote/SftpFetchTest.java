package org.heshell.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import net.schmizz.sshj.sftp.SFTPClient;
import org.heshell.engine.Progress;
import org.heshell.lab.LabDir;
import org.heshell.lab.LabFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching a backup off the lab's engine VM: verified, resumed when it can be, started over when it must. */
class SftpFetchTest {
    static final String REMOTE = "/var/lib/ovirt-engine-backup/engine-backup.tar.gz";
    @TempDir
    static Path dir;
    static LabFixture lab;
    static SshSession session;
    static SFTPClient sftp;
    static byte[] original;

    @BeforeAll
    static void start() throws Exception {
        lab = LabFixture.start(dir.resolve("lab"));
        lab.lab().awaitMachines();
        LabDir labDir = new LabDir(dir.resolve("lab"));
        SshTarget engine = SshConfig.read(labDir.sshConfigFile()).target("engine.lab.example").orElseThrow();
        session = SshSession.open(engine, new KnownHosts(dir.resolve("kh"), List.of(labDir.knownHostsFile())),
                false, null);
        assertEquals(0, session.run("engine-backup --mode=backup --scope=all --file=" + REMOTE).code());
        sftp = session.sftp();
        original = Files.readAllBytes(labDir.path().resolve("machines/engine.lab.example" + REMOTE));
    }

    @AfterAll
    static void stop() throws Exception {
        sftp.close();
        session.close();
        lab.close();
    }

    private static SshSession open() {
        LabDir labDir = new LabDir(dir.resolve("lab"));
        SshTarget engine = SshConfig.read(labDir.sshConfigFile()).target("engine.lab.example").orElseThrow();
        return SshSession.open(engine, new KnownHosts(dir.resolve("kh"), List.of(labDir.knownHostsFile())), false,
                null);
    }

    private static Path fresh(String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        return d.resolve("engine-backup.tar.gz");
    }

    @Test
    void aFetchedFileIsVerifiedPrivateAndComplete() throws Exception {
        Path target = fresh("plain");
        SftpFetch.Fetched f = SftpFetch.fetch(session, sftp, REMOTE, target, Progress.NONE);
        assertArrayEquals(original, Files.readAllBytes(target));
        assertEquals(original.length, f.size());
        assertEquals(0, f.resumedFrom());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertFalse(Files.exists(target.resolveSibling("engine-backup.tar.gz.part")));
    }

    @Test
    void aPartialDownloadResumesWhenTheRemoteFileIsUnchanged() throws Exception {
        Path target = fresh("resume");
        Files.write(target.resolveSibling("engine-backup.tar.gz.part"), Arrays.copyOf(original, original.length / 2));
        SftpFetch.Fetched f = SftpFetch.fetch(session, sftp, REMOTE, target, Progress.NONE);
        assertEquals(original.length / 2, f.resumedFrom());
        assertArrayEquals(original, Files.readAllBytes(target));
    }

    @Test
    void aPartialDownloadOfAnotherFileStartsOver() throws Exception {
        Path target = fresh("changed");
        byte[] other = Arrays.copyOf(original, original.length / 2);
        other[10] ^= 1;
        Files.write(target.resolveSibling("engine-backup.tar.gz.part"), other);
        SftpFetch.Fetched f = SftpFetch.fetch(session, sftp, REMOTE, target, Progress.NONE);
        assertEquals(0, f.resumedFrom());
        assertArrayEquals(original, Files.readAllBytes(target));
    }

    @Test
    void aDroppedConnectionKeepsThePartialDownloadAndTheNextFetchResumesIt() throws Exception {
        Path machine = dir.resolve("lab/machines/engine.lab.example/var/lib/ovirt-engine-backup");
        byte[] big = new byte[1 << 20];
        new java.util.Random(3).nextBytes(big);
        Files.write(machine.resolve("big.bin"), big);
        Path target = fresh("dropped").resolveSibling("big.bin");
        // Paced, so that data arrives before the drop rather than racing it.
        lab.lab().world().setFaults(new org.heshell.lab.LabFaults(300_000, 512, false));
        try (SshSession doomed = open(); SFTPClient s1 = doomed.sftp()) {
            RemoteException dropped = assertThrows(RemoteException.class, () -> SftpFetch.fetch(doomed, s1,
                    "/var/lib/ovirt-engine-backup/big.bin", target, Progress.NONE));
            assertTrue(dropped.getMessage().endsWith("; the partial download big.bin.part is kept"),
                    dropped.getMessage());
            assertTrue(dropped instanceof SftpFetch.Kept k && !k.interrupted(), dropped.toString());
        } catch (java.io.IOException closingADroppedConnection) {
            // the lab dropped it: closing may complain
        } finally {
            lab.lab().world().setFaults(org.heshell.lab.LabFaults.NONE);
        }
        long kept = Files.size(target.resolveSibling("big.bin.part"));
        assertTrue(kept > 0 && kept < big.length, "kept " + kept);
        try (SshSession again = open(); SFTPClient s2 = again.sftp()) {
            SftpFetch.Fetched f = SftpFetch.fetch(again, s2, "/var/lib/ovirt-engine-backup/big.bin", target,
                    Progress.NONE);
            assertEquals(kept, f.resumedFrom());
            assertArrayEquals(big, Files.readAllBytes(target));
        }
    }

    @Test
    void aMissingRemoteFileIsOneClearLineAndLeavesNothing() throws Exception {
        Path target = fresh("missing");
        RemoteException e = assertThrows(RemoteException.class,
                () -> SftpFetch.fetch(session, sftp, "/var/lib/ovirt-engine-backup/nope.tar.gz", target,
                        Progress.NONE));
        assertTrue(e.getMessage().startsWith("cannot fetch engine.lab.example:/var/lib/ovirt-engine-backup/nope"
                + ".tar.gz: no such file"), e.getMessage());
        assertFalse(Files.exists(target) || Files.exists(target.resolveSibling("engine-backup.tar.gz.part")));
    }
}
