package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.heshell.command.CommandException;
import org.heshell.command.Result;
import org.heshell.render.TextRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `map --before BACKUP`: the backup's picture beside the one now, at each stage of the procedure. */
class MapBeforeTest {
    @TempDir
    Path dir;

    @Test
    void theBackupsPictureBesideTheOneNowThenAloneWhileTheEngineIsGone() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().awaitMachines();
            java.nio.file.Files.writeString(shell.knownHosts(), "");
            shell.commands.execute(List.of("backup-she", "--failover", "Host 1"));
            String b = shell.commands.provided(org.heshell.backup.Catalog.class).list().get(0).id();

            Result.MapView after = (Result.MapView) shell.commands.execute(List.of("map", "--before", b));
            String wide = new TextRenderer(false, 160).render(after);
            String[] lines = wide.split("\n");
            assertTrue(lines[0].matches("Then: backup " + b + " \\(failover host Host 1\\) +Now: the Manager as it"
                    + " answers"), wide);
            // Side by side: Host 1 in Maintenance with no VMs then, Up again now, on one line.
            assertTrue(wide.lines().anyMatch(l -> l.matches("Maintenance · HA 0 .* Up · HA 3400 .*"
                    + "Up · HA 3400 .*Up · HA 3400.*")), wide);
            assertTrue(wide.contains("From the backup to now:\n~ host Host 1: status Maintenance → Up"), wide);

            String narrow = new TextRenderer(false, 80).render(after);
            assertTrue(narrow.indexOf("\nNow: the Manager as it answers") > narrow.indexOf("Then: backup"),
                    "one above the other when the width is short: " + narrow);

            shell.commands.execute(List.of("lab", "break", "engine"));
            Result.MapView gone = (Result.MapView) shell.commands.execute(List.of("map", "--before", b));
            assertNull(gone.environment());
            String down = new TextRenderer(false, 160).render(gone);
            assertTrue(down.contains("Now: no Manager answers at engine.lab.example"), down);
            assertTrue(down.contains("HostedEngine ◆"), "the backup's picture still shows: " + down);

            CommandException e = assertThrows(CommandException.class,
                    () -> shell.commands.execute(List.of("map", "--before", "nosuch")));
            assertEquals("nosuch is neither a catalog id nor a file; `backup list` shows the ids", e.getMessage());
        }
    }
}
