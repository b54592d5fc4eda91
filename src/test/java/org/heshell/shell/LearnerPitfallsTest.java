package org.heshell.shell;

import static org.heshell.shell.Learner.doneAfter;
import static org.heshell.shell.Learner.noProgress;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer taking the lessons at a real terminal ran into: a right answer refused, a worse backup passed over
 * in silence, a text that did not say which backup, a step done without the learner, a skip that did nothing.
 */
class LearnerPitfallsTest {
    @TempDir
    Path dir;

    /** `hosts` and `map` show a host's name and its FQDN: either is the right answer. */
    @Test
    void aHostIsAnsweredByItsNameOrByItsFqdn() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Learner learner = new Learner(shell);
            String out = learner.type("tutorial 1", "tutorial answer host3.lab.example",
                    "tutorial answer host2.lab.example");
            assertTrue(out.contains("Not quite: look again"), out);
            doneAfter(out, "tutorial answer host2.lab.example", "engine-vm");
        }
    }

    /** In the backup step, activating Host 1 early or backing up without a failover host is explained, not ignored. */
    @Test
    void aBackupTakenWithoutAFailoverHostInTheBackupStepIsExplained() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Learner learner = new Learner(shell);
            String out = learner.type("tutorial 2", "backup create", "host maintenance 'Host 1'",
                    "host activate 'Host 1'", "backup create");
            assertTrue(out.contains("! That backup was taken while no host was free"), out);
            assertTrue(out.contains("Step 2 of 3 · backup"), out);
            String step2 = out.substring(out.indexOf("Step 2 of 3 · backup"));
            assertTrue(step2.contains("! Host 1 is Up again, but the backup is not taken yet"), step2);
            assertTrue(step2.contains("! That backup names no failover host"), step2);
            assertFalse(step2.contains("✓ backup done"), step2);

            String right = learner.type("host maintenance 'Host 1'", "backup create");
            doneAfter(right, "failover host: Host 1", "backup");
        }
    }

    /**
     * Lesson 3's texts name the backup the lesson took (the catalog holds lesson 2's too), and the last step waits
     * for the learner to compare, rather than passing the moment the restore ends.
     */
    @Test
    void theRestoreLessonNamesItsBackupAndTheComparisonIsTheLearners() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Learner learner = new Learner(shell);
            String start = learner.type("tutorial 3");
            String b = learner.backup();
            assertTrue(start.contains("restore plan " + b + " --deploy-on 'Host 2'"), start);
            assertFalse(start.contains("BACKUP"), start);

            String hint = learner.type("restore plan " + b + " --deploy-on 'Host 2'", "tutorial hint",
                    "tutorial hint");
            assertTrue(hint.contains("Hint 2 of 2: restore plan " + b + " --deploy-on 'Host 1'"), hint);

            String restored = learner.type("restore-she " + b + " --deploy-on 'Host 1'");
            doneAfter(restored, "finished", "hosts-back");
            assertTrue(restored.contains("map --before " + b), restored);
            assertFalse(restored.contains("✓ compare done"), restored);

            String compared = learner.type("map --before " + b, "tutorial answer host1.lab.example",
                    "tutorial answer Host 2");
            doneAfter(compared, "tutorial answer Host 2", "compare");
            assertTrue(compared.contains("Lesson restore done in"), compared);
        }
    }

    /** The failed deployment names the old record by name, FQDN and IP: each is the right answer. */
    @Test
    void theOldRecordIsAnsweredByItsFqdnToo() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Learner learner = new Learner(shell);
            learner.type("tutorial 5");
            String planned = learner.type("restore plan " + learner.backup() + " --deploy-on 'Host 1'");
            String journal = learner.journal(planned);
            String failed = learner.type("restore run " + journal + " --skip remove-old-host");
            assertTrue(failed.contains("Step 3 of 4 · read"), failed);
            assertTrue(planned.contains("    restore run " + journal + " --skip remove-old-host"), planned);
            String read = learner.type("tutorial answer host2.lab.example", "tutorial answer host1.lab.example");
            assertTrue(read.contains("Not quite: look again"), read);
            doneAfter(read, "tutorial answer host1.lab.example", "read");
        }
    }

    /** A skip whose solution leaves the step undone (here a plan the lab refuses) says so, and why. */
    @Test
    void aSkipThatLeavesTheStepUndoneSaysSo() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Learner learner = new Learner(shell);
            Path lesson = dir.resolve("refused.groovy");
            Files.writeString(lesson, """
                    lesson('refused', version: 1) {
                        title 'A solution the lab refuses'
                        setup 'lab reset', 'backup create'
                        step('restored') {
                            text 'Restore while the Manager runs.'
                            check { engineHost == 'Host 3' }
                            solution 'restore plan {backup} --deploy-on "Host 3"'
                        }
                        learned 'one', 'two', 'three'
                    }
                    """);
            String out = learner.type("tutorial --file " + lesson, "tutorial skip");
            noProgress(out);
            assertTrue(out.contains("Tried to skip restored (ran: restore plan "), out);
            assertTrue(out.contains("but restored is still not done: the lab does not show what the step asks for"
                    + " (the plan was refused: "), out);
            assertTrue(out.contains("[manager] a Manager is running at engine.lab.example"), out);
        }
    }
}
