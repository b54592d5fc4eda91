package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.heshell.command.CommandException;
import org.heshell.command.Result;
import org.heshell.model.Environment;
import org.heshell.model.HostStatus;
import org.heshell.model.VmStatus;
import org.heshell.render.TextRenderer;
import org.heshell.restore.RestoreJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore on the lab, in one JVM: restore-she, and the end state it promises, judged by the real state. */
class RestoreOnTheLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** backup-she with Host 1 as the failover host, then the disaster: the backup's id. */
    private static String backupThenBreak(ShellFixture shell) {
        Result.BackupRecorded b = (Result.BackupRecorded) shell.commands.execute(List.of("backup-she", "--failover",
                "Host 1"));
        String broke = ((Result.Text) shell.commands.execute(List.of("lab", "break", "engine"))).text();
        assertTrue(broke.endsWith("Recover with `restore plan BACKUP --deploy-on HOST` (`backup list` names the"
                + " backups), then `restore run ID` with the id it saves; or `restore-she BACKUP --deploy-on HOST`"
                + " for both"), broke);
        return b.entry().id();
    }

    private static String text(Result r) {
        return new TextRenderer(false, 200).render(r);
    }

    private static RestoreJournal.Content restore(ShellFixture shell, String id) {
        Result.RestoreStatus r = (Result.RestoreStatus) shell.commands.execute(List.of("restore-she", id,
                "--deploy-on", "Host 1"));
        return r.journal();
    }

    private static long running(Environment env) {
        return env.vms().stream().filter(v -> !v.engine() && v.status() == VmStatus.UP).count();
    }

    @Test
    void aSecondRestoreOfTheSameBackupBringsEveryVmBack() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            String id = backupThenBreak(shell);
            restore(shell, id);
            Environment first = shell.ctx.refresh();
            assertEquals(6, running(first), first.vms().toString());
            // The redeployed hosts have new ids in the Manager now, and some VMs run on the deploying host.
            shell.commands.execute(List.of("lab", "break", "engine"));
            RestoreJournal.Content second = restore(shell, id);
            Environment env = shell.ctx.refresh();
            assertEquals(6, running(env), env.vms().toString());
            assertEquals("Host 1", env.engineHost().orElseThrow().name());
            String compared = second.steps().get(second.steps().size() - 1).note();
            assertTrue(compared.contains("6 VMs running"), compared);
        }
    }

    @Test
    void theComparisonFailsNamingTheVmsThatRanAtBackupTimeAndDoNotRunNow() throws Exception {
        String journal;
        try (ShellFixture shell = new ShellFixture(dir)) {
            journal = restore(shell, backupThenBreak(shell)).id();
        }
        // vm5 stopped meanwhile; the comparison is to be done again.
        editLab(state -> {
            for (JsonNode v : state.get("vms")) {
                if (v.get("name").asText().equals("vm5")) {
                    ((ObjectNode) v).put("status", "down").putNull("hostId");
                }
            }
        });
        editJournal(journal, "compare", "pending");
        try (ShellFixture shell = new ShellFixture(dir)) {
            CommandException e = assertThrows(CommandException.class, () -> shell.commands.execute(List.of("restore",
                    "run", journal)));
            assertEquals(1, e.exitCode());
            assertTrue(e.getMessage().startsWith("step compare failed: engine VM on Host 1; 3 of 3 hosts Up; 5 VMs"
                    + " running, but 1 VM that ran at backup time does not run now: vm5 (Down)"), e.getMessage());
            assertTrue(e.getMessage().endsWith("`restore run " + journal + "` compares again"), e.getMessage());
            Result.RestoreStatus status = (Result.RestoreStatus) shell.commands.execute(List.of("restore", "status",
                    journal));
            assertEquals("failed", status.journal().steps().get(status.journal().steps().size() - 1).state());
            String listed = text(shell.commands.execute(List.of("restore", "list")));
            assertTrue(listed.lines().anyMatch(l -> l.startsWith(journal) && l.contains("failed at step 7 of 7"
                    + " (compare)")), listed);

            String dry = text(shell.commands.execute(List.of("restore", "run", journal, "--dry-run")));
            assertTrue(dry.contains("  5. done        Redeploy Host 2: maintenance, remove, add again with"
                    + " hosted-engine deployment ("), dry);
            assertTrue(dry.contains(" s)  [redeploy:Host 2]\n                 why: hosted-engine hosts other than the"
                    + " deploying one come back Non Operational\n"), dry);
            assertTrue(dry.endsWith("`--skip ID` treats a step (its id in brackets) as done by hand."), dry);
            CommandException wrong = assertThrows(CommandException.class, () -> shell.commands.execute(List.of(
                    "restore", "run", journal, "--skip", "remove-old-hosts")));
            assertTrue(wrong.getMessage().startsWith("--skip remove-old-hosts: restore " + journal + " has no such"
                    + " step; its steps: copy, deploy, remove-old-host, wait-engine, "), wrong.getMessage());
        }
    }

    @Test
    void aResumedRestoreWithAReAddedHostAtHaScoreZeroIsNotFinished() throws Exception {
        String journal;
        try (ShellFixture shell = new ShellFixture(dir)) {
            journal = restore(shell, backupThenBreak(shell)).id();
        }
        // As after kill -9 right after Host 3 was added again: Up with hosted engine, its HA agent not scoring.
        editLab(state -> {
            for (JsonNode h : state.get("hosts")) {
                if (h.get("name").asText().equals("Host 3")) {
                    ((ObjectNode) h).put("heScore", 0);
                }
            }
        });
        editJournal(journal, "redeploy:Host 3", "running");
        editJournal(journal, "compare", "pending");
        try (ShellFixture shell = new ShellFixture(dir)) {
            String status = text(shell.commands.execute(List.of("restore", "status")));
            assertTrue(status.startsWith("Restore " + journal + ": ") && status.lines().findFirst().orElseThrow()
                    .endsWith("on Host 1, interrupted in step 6 of 7 (redeploy:Host 3)"), status);
            assertTrue(status.contains("  6. interrupted Redeploy Host 3"), status);
            // A second run while one holds the restore is refused plainly.
            try (var held = RestoreJournal.open(dir.resolve("restore"), journal).lockRun().orElseThrow()) {
                CommandException busy = assertThrows(CommandException.class, () -> shell.commands.execute(List.of(
                        "restore", "run", journal)));
                assertEquals("restore " + journal + " is being carried out by another heshell right now; `restore"
                        + " status " + journal + "` shows where it stands; run it again once that one has ended",
                        busy.getMessage());
                assertTrue(text(shell.commands.execute(List.of("restore", "status"))).contains("  6. running "),
                        "while a run holds it, its step is running");
            }
            Environment env = shell.ctx.refresh();
            assertEquals(HostStatus.UP, env.findHost("Host 3").orElseThrow().status());
            CommandException e = assertThrows(CommandException.class, () -> shell.commands.execute(List.of(
                    "restore", "run", journal)));
            assertTrue(e.getMessage().startsWith("step redeploy:Host 3 failed: Host 3 is Up but its hosted-engine HA"
                    + " score is 0: the engine VM cannot fail over to it; on host3.lab.example check the HA agent"),
                    e.getMessage());
            RestoreJournal.Content c = ((Result.RestoreStatus) shell.commands.execute(List.of("restore", "status",
                    journal))).journal();
            assertFalse(c.steps().stream().allMatch(s -> s.state().equals("done")), c.toString());
        }
    }

    private void editLab(Consumer<ObjectNode> change) throws Exception {
        Path file = dir.resolve("lab").resolve("state.json");
        ObjectNode state = (ObjectNode) JSON.readTree(file.toFile());
        change.accept(state);
        Files.write(file, JSON.writeValueAsBytes(state));
    }

    private void editJournal(String id, String step, String state) throws Exception {
        Path file = dir.resolve("restore").resolve(id).resolve("journal.json");
        ObjectNode journal = (ObjectNode) JSON.readTree(file.toFile());
        for (JsonNode s : journal.get("steps")) {
            if (s.get("id").asText().equals(step)) {
                ((ObjectNode) s).put("state", state).putNull("finished");
            }
        }
        Files.write(file, JSON.writeValueAsBytes(journal));
    }
}
