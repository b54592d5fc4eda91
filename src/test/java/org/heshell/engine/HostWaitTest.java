package org.heshell.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.heshell.lab.LabFixture;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.HostStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waiting for a host: what a maintenance that cannot finish says, and when. */
class HostWaitTest {
    @TempDir
    Path dir;

    private static Progress into(List<String> steps) {
        return new Progress() {
            public void status(String line) {
            }

            public void step(String line) {
                steps.add(line);
            }
        };
    }

    @Test
    void aMaintenanceThatNothingCanAdvanceEndsEarlyNamingEachVmWithoutRoom() throws Exception {
        try (LabFixture lab = LabFixture.start(dir.resolve("lab")); EngineSession s = lab.session()) {
            Environment before = s.read();
            Host h1 = before.findHost("Host 1").orElseThrow();
            s.deactivate(h1);
            HostWait.until(s, before, h1, EnumSet.of(HostStatus.MAINTENANCE), Duration.ofSeconds(600),
                    LabFixture.FAST, Progress.NONE);

            // Host 3 takes the engine VM (16 GiB, as much as it has free); vm3 and vm4 then fit nowhere.
            Environment one = s.read();
            Host h2 = one.findHost("Host 2").orElseThrow();
            s.deactivate(h2);
            List<String> steps = new ArrayList<>();
            // 1200 s of the lab's clock: 6 s here, far more than the stall takes to be seen.
            EngineException e = assertThrows(EngineException.class, () -> HostWait.until(s, one, h2,
                    EnumSet.of(HostStatus.MAINTENANCE), Duration.ofSeconds(1200), LabFixture.FAST, into(steps)));
            assertEquals("Host 2 cannot reach Maintenance: no host has room for vm3: it needs 4096 MiB, the most free"
                    + " is 0 MiB (on Host 3); no host has room for vm4: it needs 4096 MiB, the most free is 0 MiB (on"
                    + " Host 3). It stays Preparing for Maintenance with vm3, vm4 on it: free memory on another host"
                    + " (stop or migrate a VM there) and it goes on, or `host activate 'Host 2'` cancels the"
                    + " maintenance", e.getMessage());
            assertTrue(steps.contains("Host 2: no host has room for vm3: it needs 4096 MiB, the most free is 0 MiB"
                    + " (on Host 3)"), steps.toString());
            assertTrue(steps.stream().anyMatch(l -> l.startsWith("HostedEngine: Host 2 → Host 3")), steps.toString());
        }
    }

    @Test
    void aTimeoutOnTheLabIsOnItsClockAndSaysSo() throws Exception {
        try (LabFixture lab = LabFixture.start(dir.resolve("lab")); EngineSession s = lab.session()) {
            Environment before = s.read();
            Host h1 = before.findHost("Host 1").orElseThrow();
            // Waiting for Host 1 to reach Maintenance without asking for it: nothing happens, the wait times out.
            EngineException e = assertThrows(EngineException.class, () -> HostWait.until(s, before, h1,
                    EnumSet.of(HostStatus.MAINTENANCE), Duration.ofSeconds(1000), LabFixture.FAST, Progress.NONE));
            assertTrue(e.getMessage().startsWith("Host 1 did not reach Maintenance within 1000 s of the lab's clock"
                    + " (5.0 s at speed 200): it is Up"), e.getMessage());
        }
    }
}
