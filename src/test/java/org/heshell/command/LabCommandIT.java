package org.heshell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.heshell.shell.ShellProcess;
import org.heshell.shell.ShellProcess.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's controls through ./shell, as a trainer or a lesson uses them. */
class LabCommandIT {
    @TempDir
    Path home;

    @AfterEach
    void stopLabs() throws Exception {
        org.heshell.shell.ShellProcess.stopLabs(home);
    }

    @Test
    void resetPutsEveryPartOfTheLabBackToTheFirstPicture() throws Exception {
        ShellProcess shell = new ShellProcess(home);
        String lab = home.resolve("lab").toString();
        Run changed = shell.run("--lab-dir", lab, "--lab-speed", "200", "--accept-new-host-key", "-c",
                "host maintenance 'Host 1'; lab dns remove PTR 192.0.2.11; lab os host4.lab.example 9.4;"
                        + " backup create; lab fault disk-full; lab break engine");
        assertEquals(0, changed.code(), changed.err());
        Path backups = home.resolve("lab/machines/engine.lab.example/var/lib/ovirt-engine-backup");
        try (var files = Files.list(backups)) {
            assertEquals(1, files.count(), "engine-backup left its archive on the engine VM");
        }

        Run reset = shell.run("--lab-dir", lab, "-c", "lab reset; hosts; lab faults; lab dns; lab machines");
        assertEquals(0, reset.code(), reset.err());
        String out = reset.out();
        assertTrue(out.startsWith("the lab is back to its first picture"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("Host 1 +host1\\.lab\\.example +Up +2 +yes +3400")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("Host 2 +host2\\.lab\\.example +Up +2 \\+ engine VM +yes +3400"
                + " +◆ HostedEngine")), out);
        assertTrue(out.contains("lab faults: none"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("PTR +192\\.0\\.2\\.11 +host1\\.lab\\.example")), out);
        assertTrue(out.contains("engine: up"), out);
        assertFalse(out.contains("RHEL 9.4"), out);
        try (var files = Files.list(backups)) {
            assertEquals(0, files.count(), "the engine VM's old archives are gone");
        }
        Run list = shell.run("--lab-dir", lab, "-c", "backup list");
        assertTrue(list.out().lines().count() == 2, "the catalog keeps the backup fetched before: " + list.out());
    }
}
