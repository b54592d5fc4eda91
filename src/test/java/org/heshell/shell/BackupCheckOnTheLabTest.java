package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heshell.command.Result;
import org.heshell.render.TextRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `backup check` reads the engine's own backup events (9022-9026) through the SDK and folds them into its status. */
class BackupCheckOnTheLabTest {
    @TempDir
    Path dir;

    private static String line(Result r) {
        return new TextRenderer(false, 400).render(r);
    }

    @Test
    void theEnginesAlertsAndItsLastEngineBackupAreShownAndAFailureWarns() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Result.BackupChecked empty = (Result.BackupChecked) shell.commands.execute(List.of("backup", "check"));
            assertEquals("BACKUP CRITICAL - engine.lab.example: no backups in the catalog; take one with `backup"
                    + " create`; the engine records no completed engine-backup", line(empty));

            shell.lab.engineBackupCheck(java.time.Instant.now());
            String alerted = line(shell.commands.execute(List.of("backup", "check")));
            assertTrue(alerted.startsWith("BACKUP CRITICAL - engine.lab.example: no backups in the catalog; take one"
                    + " with `backup create`; the engine alerts that it has no full backup (event 9022, 0m ago)"),
                    alerted);

            shell.lab.lab().awaitMachines();
            Files.writeString(dir.resolve("known_hosts"), "");
            shell.commands.execute(List.of("backup", "create"));
            Path metrics = dir.resolve("heshell.prom");
            Result.BackupChecked taken = (Result.BackupChecked) shell.commands.execute(List.of("backup", "check",
                    "--metrics", metrics.toString()));
            assertEquals(1, taken.exitCode(), "WARNING: no failover host; the completed run answered the alert");
            assertTrue(line(taken).startsWith("BACKUP WARNING - engine.lab.example: no verified backup was taken with"
                    + " a failover host; the engine's newest engine-backup completed 0m ago |"), line(taken));
            String prom = Files.readString(metrics);
            assertTrue(prom.contains("\nheshell_engine_events_readable{engine=\"engine.lab.example\"} 1\n"), prom);
            assertTrue(prom.contains("\nheshell_engine_backup_alert{engine=\"engine.lab.example\"} 0\n"), prom);
            assertTrue(prom.matches("(?s).*\nheshell_engine_backup_completed_timestamp_seconds\\{engine=\""
                    + "engine\\.lab\\.example\"} \\d{10}\n.*"), prom);

            // engine-backup run by hand on the engine VM fails (its disk is full): the engine records 9026, the
            // check warns (heshell's own backup create refuses a full disk before engine-backup runs)
            shell.commands.execute(List.of("lab", "fault", "disk-full"));
            try (var ssh = shell.connections.ssh("engine.lab.example")) {
                assertEquals(1, ssh.run("engine-backup --mode=backup --file=/var/lib/ovirt-engine-backup/b.tar.gz")
                        .code());
            }
            shell.commands.execute(List.of("lab", "fault", "clear"));
            String failed = line(shell.commands.execute(List.of("backup", "check")));
            assertTrue(failed.startsWith("BACKUP WARNING - engine.lab.example: no verified backup was taken with a"
                    + " failover host; the engine's newest engine-backup failed 0m ago (event 9026) |"), failed);
            JsonNode json = new ObjectMapper().readTree(shell.run(true, "backup check")[0]);
            JsonNode events = json.get("engines").get(0).get("engineEvents");
            assertEquals(9026, events.get("currentFailure").get("code").asInt(), json.toString());
            assertTrue(events.get("currentFailure").get("description").asText().startsWith("engine-backup: Failed"),
                    events.toString());

            // the engine gone: the catalog still answers, and says the events could not be read
            shell.commands.execute(List.of("lab", "break", "engine"));
            Result.BackupChecked down = (Result.BackupChecked) shell.commands.execute(List.of("backup", "check",
                    "--metrics", metrics.toString()));
            assertEquals(1, down.exitCode(), line(down));
            assertTrue(line(down).matches("BACKUP WARNING - engine\\.lab\\.example: no verified backup was taken"
                    + " with a failover host; the engine's events could not be read: .+ \\| .*"), line(down));
            assertTrue(Files.readString(metrics).contains("\nheshell_engine_events_readable{engine=\""
                    + "engine.lab.example\"} 0\n"), Files.readString(metrics));
        }
    }
}
