package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heshell.command.CommandException;
import org.heshell.command.LabFailure;
import org.heshell.command.Result;
import org.heshell.restore.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lab scenario`: each failure set up on the lab is one the restore's checks then find, under the rule it names. */
class LabScenarioTest {
    @TempDir
    Path dir;

    @Test
    void eachScenarioBreaksTheRuleItNamesAndResetTakesItAway() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().awaitMachines();
            Files.writeString(dir.resolve("known_hosts"), "");
            String listed = text(shell.commands.execute(List.of("lab", "scenario")));
            for (LabFailure f : LabFailure.values()) {
                assertTrue(listed.contains(f.id()) && listed.contains("[" + f.rule() + "]"), listed);
            }
            shell.commands.execute(List.of("backup-she", "--failover", "Host 1"));
            String backup = shell.commands.provided(org.heshell.backup.Catalog.class).list().get(0).id();
            for (LabFailure f : LabFailure.values()) {
                boolean aboutTheEngine = f == LabFailure.ENGINE_STILL_RUNNING;
                if (!aboutTheEngine) {
                    shell.commands.execute(List.of("lab", "break", "engine"));
                }
                assertEquals(aboutTheEngine ? List.of("manager") : List.of(), blockers(shell, backup),
                        "before " + f.id() + " the plan is clear, but for the Manager that answers");
                String said = text(shell.commands.execute(List.of("lab", "scenario", f.id())));
                assertTrue(said.startsWith("lab scenario " + f.id() + ": "), said);
                // a failure that shows only when a host is added again is one no plan can see beforehand
                assertEquals(f.foundByPlan() ? List.of(f.rule()) : List.of(), blockers(shell, backup), f.id());
                shell.commands.execute(List.of("lab", "reset"));
            }
        }
    }

    @Test
    void anUnknownScenarioIsOneLineAndChangesNothing() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            var before = shell.ctx.connector().labSite(null);
            CommandException e = assertThrows(CommandException.class,
                    () -> shell.commands.execute(List.of("lab", "scenario", "nosuch")));
            assertEquals("the lab has no scenario 'nosuch'; one of: " + String.join(", ", LabFailure.ids()),
                    e.getMessage());
            assertEquals(2, e.exitCode());
            assertEquals(before, shell.ctx.connector().labSite(null));

            shell.commands.execute(List.of("lab", "break", "engine"));
            CommandException gone = assertThrows(CommandException.class,
                    () -> shell.commands.execute(List.of("lab", "scenario", "engine-still-running")));
            assertEquals("engine-still-running needs a running engine, and the lab's is gone; `lab reset` gives one"
                    + " back", gone.getMessage());
        }
    }

    private static List<String> blockers(ShellFixture shell, String backup) {
        Result.RestorePlanned p = (Result.RestorePlanned) shell.commands.execute(List.of("preflight", backup,
                "--deploy-on", "Host 1"));
        return p.plan().blockers().stream().map(Finding::rule).toList();
    }

    private static String text(Result r) {
        return ((Result.Text) r).text();
    }
}
