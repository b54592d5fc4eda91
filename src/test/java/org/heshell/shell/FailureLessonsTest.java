package org.heshell.shell;

import static org.heshell.shell.Learner.doneAfter;
import static org.heshell.shell.Learner.noProgress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.heshell.model.HostStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lessons on the failures real restores hit, each taken by a learner at the real REPL: the lab sets the failure
 * up, a wrong command makes no progress and is answered, and each step is done only once the lab's state says so.
 */
class FailureLessonsTest {
    @TempDir
    Path dir;

    @Test
    void lesson4NoFailoverHostIsRestoredOnANewHost() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Learner learner = new Learner(shell);
            String start = learner.type("tutorial 4");
            assertTrue(start.contains("Step 1 of 3 · refused"), start);
            String b = learner.backup();

            // Planning on another host is not what the step asks: no progress.
            String wrong = learner.type("restore plan " + b + " --deploy-on 'Host 2'", "tutorial hint");
            noProgress(wrong);
            assertTrue(wrong.contains("Hint 1 of 2"), wrong);
            String refused = learner.type("restore plan " + b + " --deploy-on 'Host 1'");
            doneAfter(refused, "[identifiers]", "refused");
            assertTrue(refused.contains("Step 2 of 3 · new-host"), refused);

            // Another host the backup names is refused too, and the tutor says why.
            String again = learner.type("restore plan " + b + " --deploy-on 'Host 3'");
            noProgress(again);
            assertTrue(again.contains("! Hosts 2 and 3 carried VMs at backup time as well"), again);
            String clear = learner.type("restore plan " + b + " --deploy-on host4.lab.example");
            doneAfter(clear, "is a new host: it matches no host of the backup", "new-host");

            String restored = learner.type("restore run " + learner.journal(clear));
            doneAfter(restored, "finished", "restore");
            finished(restored, "loaded-host");
            var env = shell.ctx.refresh();
            assertEquals("host4.lab.example", env.engineHost().orElseThrow().name());
            assertTrue(env.hosts().stream().allMatch(h -> h.status() == HostStatus.UP), env.hosts().toString());
        }
    }

    /** The end of a lesson: how long it took and what was learned, in three lines. */
    private static void finished(String screen, String lesson) {
        assertTrue(screen.matches("(?s).*Lesson " + lesson + " done in \\d+ (s|min \\d+ s)\\. What you learned:"
                + "\n  - .*\n  - .*\n  - .*"), screen);
    }
}
