package org.heshell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heshell.backup.EngineBackupFixture;
import org.heshell.render.JsonRenderer;
import org.heshell.render.TextRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `backup inspect` needs no Manager: it reads the file, and shows it with the live environment's views. */
class BackupCommandTest {
    @TempDir
    static Path work;
    static Path backup;
    static Commands commands;

    @BeforeAll
    static void make() throws Exception {
        backup = EngineBackupFixture.failoverBackup(work);
        commands = new Commands(new CommandContext(null, (org.heshell.engine.EngineSession) null));
        Commands.builtins().forEach(commands::add);
    }

    @Test
    void inspectShowsTheFailoverHostAndTheEnvironmentAtBackupTime() {
        Result.BackupInspected r = (Result.BackupInspected) commands.execute(List.of("backup", "inspect",
                backup.toString()));
        String text = new TextRenderer(false, 100).render(r);
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).matches("Backup backup-\\d+\\.tar\\.x: engine engine\\.lab\\.example, oVirt 4\\.5\\.6"
                + " \\(schema 04050910\\), rhel-8\\.10"), lines.get(0));
        assertTrue(lines.get(1).matches("Scope db, files; database: custom dump \\(gzip\\) of PostgreSQL 15\\..*;"
                + " \\d+ entries match sha256sum"), lines.get(1));
        assertEquals("Failover host: Host 1; carried VMs: Host 2, Host 3; engine VM HostedEngine on Host 2",
                lines.get(2));
        assertTrue(lines.get(5).matches("Host 1 +host1\\.lab\\.example +Maintenance +0 +local maint\\. +0"),
                lines.get(5));
        assertTrue(text.contains("◆ HostedEngine"), text);

        String map = new TextRenderer(false, 100).render(commands.execute(List.of("backup", "inspect",
                backup.toString(), "--map")));
        assertTrue(map.lines().anyMatch(l -> l.matches("\\(no VMs\\) +HostedEngine ◆ +vm1\\\\twith a tab")
                || l.matches("\\(no VMs\\) +HostedEngine ◆ +vm1\twith a tab")), map);
        String json = new JsonRenderer().render(r);
        assertTrue(json.contains("\"failoverHosts\":[\"Host 1\"]"), json);
        assertTrue(json.contains("\"engineVmHost\":\"Host 2\""), json);
    }

    @Test
    void diffOfABackupWithItselfIsEmptyAndWithTheLabShowsWhatDiffers() throws Exception {
        Result.Diff same = (Result.Diff) commands.execute(List.of("backup", "diff", backup.toString(),
                backup.toString()));
        assertTrue(same.diff().isEmpty());
        assertTrue(new TextRenderer(false, 100).render(same).endsWith(": no difference in hosts or VMs"));
        try (org.heshell.lab.LabFixture lab = org.heshell.lab.LabFixture.start(work.resolve("lab"))) {
            Commands live = new Commands(new CommandContext(null, lab.session()));
            Commands.builtins().forEach(live::add);
            Result.Diff d = (Result.Diff) live.execute(List.of("backup", "diff", backup.toString(), "live"));
            assertEquals("live", d.to());
            assertTrue(d.diff().hostsAdded().isEmpty() && d.diff().hostsRemoved().isEmpty(),
                    "the lab's hosts are the backup's, matched by FQDN: " + d.diff());
            String text = new TextRenderer(false, 100).render(d);
            assertTrue(text.contains("~ host Host 1: IPs [192.0.2.11, 198.51.100.11] → [192.0.2.11]"), text);
            assertTrue(text.contains("status Maintenance → Up"), text);
        }
    }

    @Test
    void aBadFileIsOneLineWithTheEntryAndTheOffset() throws Exception {
        CommandException missing = assertThrows(CommandException.class,
                () -> commands.execute(List.of("backup", "inspect", work.resolve("none.tar.gz").toString())));
        assertEquals("no backup file " + work.resolve("none.tar.gz"), missing.getMessage());
        Path garbage = Files.write(work.resolve("garbage.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        CommandException bad = assertThrows(CommandException.class,
                () -> commands.execute(List.of("backup", "inspect", garbage.toString())));
        assertTrue(bad.getMessage().startsWith("garbage.tar.gz"), bad.getMessage());
        assertEquals(1, bad.exitCode());
    }
}
