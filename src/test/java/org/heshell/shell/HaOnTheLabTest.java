package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ha`: the HA state and global maintenance, set through the SDK as the portal sets it. */
class HaOnTheLabTest {
    @TempDir
    Path dir;

    private static String[] run(ShellFixture shell, String text) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        new Session(shell.commands, new Output(new PrintWriter(out), new PrintWriter(err), false, false, false, false,
                200)).run(text);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void globalMaintenanceGoesOnAndOffAndEveryHostReportsIt() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            List<String> off = run(shell, "ha status")[0].lines().toList();
            assertEquals("Global maintenance: off", off.get(0));
            assertTrue(off.get(3).matches("Host 2 +Up +active +3400 +no +◆ HostedEngine"), off.get(3));
            String[] on = run(shell, "ha global-maintenance on");
            assertTrue(on[0].startsWith("global maintenance on\nGlobal maintenance: on"), on[0] + on[1]);
            assertTrue(shell.lab.lab().world().snapshot().globalMaintenance());
            assertTrue(shell.ctx.refresh().hosts().stream().allMatch(h -> h.hostedEngine().globalMaintenance()));
            run(shell, "ha global-maintenance off");
            assertTrue(shell.ctx.refresh().hosts().stream().noneMatch(h -> h.hostedEngine().globalMaintenance()));
            String[] bad = run(shell, "ha global-maintenance maybe");
            assertTrue(bad[1].contains("global-maintenance takes on or off, not 'maybe'"), bad[1]);
        }
    }
}
