package org.heshell.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal a restore resumes from: private, rewritten whole after each step, found again by backup and host. */
class RestoreJournalTest {
    @TempDir
    Path root;

    static RestorePlan plan() {
        return new RestorePlan("b1", Path.of("/backups/b1.tar.gz"), 4096, "engine.lab.example", "Host 1",
                "host1.lab.example", "Host 1", "Host 1", List.of(), List.of(
                        new PlanStep("copy", "Copy", "", "why"), new PlanStep("deploy", "Deploy", "", "why")));
    }

    @Test
    void aJournalIsPrivateAndSurvivesBeingReadAgain() throws Exception {
        RestoreJournal j = RestoreJournal.create(root.resolve("restore"), plan());
        Path dir = root.resolve("restore").resolve(j.id());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("journal.json"))));

        j.started("copy");
        j.done("copy", "copied");
        j.started("deploy");
        j.stopped("deploy", "stopped waiting");
        RestoreJournal again = RestoreJournal.open(root.resolve("restore"), j.id());
        assertEquals("done", again.step("copy").state());
        assertEquals("copied", again.step("copy").note());
        assertEquals("pending", again.step("deploy").state());
        assertEquals("stopped: stopped waiting", again.step("deploy").note());
        assertEquals(Path.of("/backups/b1.tar.gz"), again.content().plan().backupFile());
        assertFalse(again.finished());

        assertEquals(j.id(), RestoreJournal.unfinished(root.resolve("restore"), "b1", "host 1").orElseThrow().id());
        assertTrue(RestoreJournal.unfinished(root.resolve("restore"), "b1", "Host 2").isEmpty());
        again.done("deploy", "deployed");
        assertTrue(RestoreJournal.unfinished(root.resolve("restore"), "b1", "Host 1").isEmpty(), "finished");
    }

    @Test
    void aWrongOrDamagedIdIsOneClearError() throws Exception {
        RestoreException e = assertThrows(RestoreException.class, () -> RestoreJournal.open(root, "../etc"));
        assertTrue(e.getMessage().startsWith("no restore '../etc'"), e.getMessage());
        Files.createDirectories(root.resolve("r1"));
        Files.writeString(root.resolve("r1").resolve("journal.json"), "{not json");
        e = assertThrows(RestoreException.class, () -> RestoreJournal.open(root, "r1"));
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }
}
