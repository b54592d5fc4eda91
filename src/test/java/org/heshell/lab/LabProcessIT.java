package org.heshell.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.heshell.engine.EngineSession;
import org.heshell.engine.EngineTarget;
import org.heshell.model.Environment;
import org.heshell.model.HostStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's own process and heshell's builds: a rebuild replacing the jar does not break a lab that runs, and a
 * shell of a newer build restarts a lab of an earlier one, keeping its state. Runs the packaged jar.
 */
class LabProcessIT {
    @TempDir
    Path dir;

    private final List<Long> started = new ArrayList<>();

    @Test
    void aRunningLabOutlivesARebuildOfItsJarAndANewerBuildRestartsItWithItsState() throws Exception {
        Path jar = dir.resolve("heshell.jar");
        Files.copy(Path.of("target/heshell.jar"), jar);
        Path lab = dir.resolve("lab");
        List<String> notices = new ArrayList<>();

        LabProcess.Joined first = ensure(lab, new LabBuild(jar, "one"), notices);
        assertTrue(first.started());
        // a rebuild writes the jar anew; the worst case is a jar cut short while the lab still loads from it
        Files.write(jar, new byte[0]);
        try (EngineSession engine = open(first.endpoint())) {
            Environment env = engine.read();
            engine.deactivate(env.findHost("Host 1").orElseThrow());
            assertFalse(engine.events(5, null).isEmpty(), "the audit log answers: classes loaded after the rebuild");
        }

        LabProcess.Joined again = ensure(lab, new LabBuild(jar, "one"), notices);
        assertFalse(again.started());
        assertEquals(first.endpoint().pid(), again.endpoint().pid());

        LabProcess.Joined newer = ensure(lab, new LabBuild(Path.of("target/heshell.jar"), "two"), notices);
        assertTrue(newer.started());
        assertNotEquals(first.endpoint().pid(), newer.endpoint().pid());
        assertTrue(notices.get(notices.size() - 1).contains("(its last process, " + first.endpoint().pid()
                + ", ran an earlier build of heshell)"), notices.toString());
        try (EngineSession engine = open(newer.endpoint())) {
            HostStatus status = engine.read().findHost("Host 1").orElseThrow().status();
            assertTrue(List.of(HostStatus.PREPARING_FOR_MAINTENANCE, HostStatus.MAINTENANCE).contains(status),
                    status.label());
        }
    }

    private LabProcess.Joined ensure(Path lab, LabBuild build, List<String> notices) throws Exception {
        LabProcess.Joined j = LabProcess.ensure(lab, new Lab.Settings(3, 6, 1000.0), Optional.of(build),
                notices::add);
        started.add(j.endpoint().pid());
        return j;
    }

    private static EngineSession open(LabEndpoint e) throws Exception {
        EngineTarget target = new EngineTarget(e.apiUrl(), e.user(), e.caFile(), false, "lab", true);
        return EngineSession.open(target, Files.readString(e.passwordFile()).strip().toCharArray());
    }

    @AfterEach
    void stopLabs() {
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(p -> p.onExit().join()));
    }
}
