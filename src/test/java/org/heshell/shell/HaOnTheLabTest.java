package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ha`: the HA state and global maintenance, set through the SDK as the portal sets it. */
class HaOnTheLabTest {
    @TempDir
    Path dir;

    @Test
    void globalMaintenanceGoesOnAndOffAndEveryHostReportsIt() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            List<String> off = shell.run(false, "ha status")[0].lines().toList();
            assertEquals("Global maintenance: off", off.get(0));
            assertTrue(off.get(3).matches("Host 2 +Up +active +3400 +no +◆ HostedEngine"), off.get(3));
            String[] on = shell.run(false, "ha global-maintenance on");
            assertTrue(on[0].startsWith("global maintenance on\nGlobal maintenance: on"), on[0] + on[1]);
            assertTrue(shell.lab.lab().world().snapshot().globalMaintenance());
            assertTrue(shell.ctx.refresh().hosts().stream().allMatch(h -> h.hostedEngine().globalMaintenance()));
            shell.run(false, "ha global-maintenance off");
            assertTrue(shell.ctx.refresh().hosts().stream().noneMatch(h -> h.hostedEngine().globalMaintenance()));
            String[] bad = shell.run(false, "ha global-maintenance maybe");
            assertTrue(bad[1].contains("global-maintenance takes on or off, not 'maybe'"), bad[1]);
        }
    }
}
