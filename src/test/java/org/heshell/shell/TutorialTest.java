package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heshell.command.Result;
import org.heshell.model.HostStatus;
import org.heshell.tutorial.Tutor;
import org.jline.terminal.Size;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A learner in the real REPL: lessons judged by the lab's state, hints, mistakes noticed, leaving and resuming. */
class TutorialTest {
    @TempDir
    Path dir;

    private static String drive(ShellFixture shell, String keys) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (DumbTerminal terminal = new DumbTerminal("test", "xterm",
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            terminal.setSize(new Size(160, 50));
            Interactive.run(shell.commands, terminal, false, false, false, "lab", null);
        }
        return screen.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;?]*[A-Za-z]|\u001B[=>]", "");
    }

    @Test
    void aLearnerTakesTheBackupLessonStepByStepAndComesBackToIt() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().awaitMachines();
            Files.writeString(dir.resolve("known_hosts"), "");
            String first = drive(shell, "tutorial 2\nbackup create\ntutorial hint\nhost maintenance \"Host 1\"\n");
            assertTrue(first.contains("Step 1 of 3 · free-host-1"), first);
            // A backup without a failover host is noticed and explained, and the step stays undone.
            int mistake = first.indexOf("! That backup was taken while no host was free");
            assertTrue(mistake > 0, first);
            assertFalse(first.substring(0, first.indexOf("Hint 1 of 2")).contains("✓ free-host-1 done"), first);
            assertTrue(first.contains("Hint 1 of 2: The state that empties a host"), first);
            // The lab's state, not the typed text, completes the step.
            assertTrue(first.indexOf("✓ free-host-1 done") > first.indexOf("Hint 1 of 2"), first);
            assertTrue(first.contains("Step 2 of 3 · backup"), first);

            // Leaving and coming back keeps the progress.
            String again = drive(shell, "tutorial\ntutorial 2\ntutorial show\n");
            assertTrue(again.contains("backup-with-failover") && again.contains("under way, 1 of 3 steps"), again);
            assertTrue(again.contains("Resuming lesson backup-with-failover"), again);
            assertTrue(again.contains("Step 2 of 3 · backup"), again);
            assertTrue(again.contains("Solution: backup create"), again);

            String done = drive(shell, "backup create\nhost activate \"Host 1\"\n");
            assertTrue(done.contains("✓ backup done"), done);
            assertTrue(done.contains("✓ activate done"), done);
            assertTrue(done.matches("(?s).*Lesson backup-with-failover done in \\d+ (s|min \\d+ s)\\. What you"
                    + " learned:\n  - .*\n  - .*\n  - .*\nNext: tutorial 3.*"), done);
        }
    }

    @Test
    void resetPutsTheLessonsLabBackToItsStart() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            String out = drive(shell, "tutorial 1\ntutorial answer Host 2\nhost maintenance \"Host 3\"\n"
                    + "tutorial reset\n");
            assertTrue(out.contains("✓ maintenance done"), out);
            assertTrue(out.indexOf("Step 1 of 4 · engine-vm", out.indexOf("Lesson environment starts again")) > 0,
                    out);
            assertEquals(HostStatus.UP, shell.ctx.refresh().findHost("Host 3").orElseThrow().status(),
                    "the lab is back to the lesson's start");
            String wrong = drive(shell, "tutorial answer Host 3\ntutorial nosuch\n");
            assertTrue(wrong.contains("Not quite: look again"), wrong);
            assertTrue(wrong.contains("heshell: no lesson 'nosuch': there are 1–10 (environment,"
                    + " backup-with-failover, restore, loaded-host, old-record, missing-ptr, os-differs, newer-backup,"
                    + " missing-network, manager-running)"), wrong);
        }
    }

    /** Every lesson, on a fresh lab: each check fails before its solution runs and holds after it. */
    @Test
    void everyStepOfEveryLessonFailsBeforeItsSolutionAndPassesAfterIt() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().awaitMachines();
            Files.writeString(dir.resolve("known_hosts"), "");
            Tutor tutor = shell.commands.provided(Tutor.class);
            for (String lesson : tutor.names().stream().filter(n -> n.matches("\\d+")).toList()) {
                String started = text(shell.commands.execute(List.of("tutorial", lesson)));
                int steps = Integer.parseInt(started.replaceAll("(?s).*Step 1 of (\\d+).*", "$1"));
                String said = started;
                // A solution may finish later steps too (restore-she restores and re-deploys in one go).
                for (int skips = 0; !said.matches("(?s).*Lesson \\S+ done in.*"); skips++) {
                    assertTrue(skips < steps, "lesson " + lesson + " ends after at most " + steps + " steps: " + said);
                    assertTrue(tutor.afterCommand(null).stream().noneMatch(x -> x.startsWith("✓")),
                            "lesson " + lesson + ": a step is not done before its solution: " + said);
                    said = text(shell.commands.execute(List.of("tutorial", "skip")));
                    assertTrue(said.contains(" done"), "lesson " + lesson + ": " + said);
                }
            }
            assertTrue(tutor.list().lines().skip(1).allMatch(l -> l.contains("done in")), tutor.list());
        }
    }

    private static String text(Result r) {
        return ((Result.Text) r).text();
    }
}
