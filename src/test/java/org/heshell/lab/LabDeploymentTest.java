package org.heshell.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hosted-engine --deploy --restore-from-file` on a lab host, where a real deployment fails and how. */
class LabDeploymentTest {
    @TempDir
    Path dir;

    @Test
    void aBackupNewerThanTheApplianceFailsOnlyInsideTheBootstrapVm() throws Exception {
        Path backup = LabBackups.failover(dir);
        LabState s = LabScenario.standard();
        LabWorld world = new LabWorld(s, x -> { });
        world.setSpeed(10_000);
        world.setSite(new LabSite(LabSite.GONE, "4.4-20220308.1.el8", s.site().machines(), s.site().dns()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new LabDeployment(world, "host1.lab.example", f -> backup).run(Map.of("restore-from-file",
                "/root/b.tar.gz", "ansible-extra-vars", "{\"he_pause_after_failed_restore\": false}"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String said = out.toString(StandardCharsets.UTF_8);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code);
        // The appliance is installed and the local VM built before engine-backup finds the versions differ.
        assertTrue(said.indexOf("Start the local bootstrap VM]") < said.indexOf("Run engine-backup]"), said);
        assertTrue(errors.startsWith("[ ERROR ] fatal: [localhost -> 192.168.222.55]: FAILED! => {\"changed\": true,"
                + " \"rc\": 1, \"stderr\": \"FATAL: Backup was created by version '4.5' and can not be restored using"
                + " the installed version 4.4\"}"), errors);
        assertTrue(errors.endsWith("[ ERROR ] Failed to execute stage 'Closing up': Failed executing ansible-playbook\n"),
                errors);
        assertEquals(LabSite.GONE, world.site().engine(), "no engine came of it");
        world.close();
    }
}
