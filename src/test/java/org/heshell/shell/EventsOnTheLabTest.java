package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `events`: the Manager's audit log as an admin reads it in the shell, through the SDK. */
class EventsOnTheLabTest {
    @TempDir
    Path dir;

    @Test
    void aMaintenanceShowsUpNewestFirstAndNarrowsBySeverityAndHost() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            assertEquals("no events match", shell.run(false, "events")[0].strip());
            shell.run(false, "host maintenance 'Host 1'");
            List<String> lines = shell.run(false, "events")[0].lines().toList();
            assertTrue(lines.get(0).matches("TIME +SEVERITY +CODE +HOST +EVENT"), lines.get(0));
            assertTrue(lines.get(1).matches(".* normal +15 +Host 1 +Host Host 1 was switched to Maintenance Mode\\."),
                    lines.get(1));
            assertTrue(lines.get(lines.size() - 1).matches(".* 620 +Host 1 +Host Host 1 was switched to Maintenance"
                    + " mode by admin@internal-authz\\."), lines.toString());
            assertEquals(7, lines.size(), "620, two migrations started and done, 15: " + lines);

            JsonNode two = new ObjectMapper().readTree(shell.run(true, "events --max 2 --host host1.lab.example")[0]);
            assertEquals(2, two.size(), two.toString());
            assertEquals(15, two.get(0).get("code").asInt());
            assertEquals("Host 1", two.get(1).get("host").asText());
            assertEquals("no events match", shell.run(false, "events --severity error")[0].strip());
            String[] bad = shell.run(false, "events --severity fatal");
            assertEquals("", bad[0]);
            assertTrue(bad[1].contains("--severity is normal, warning, error or alert, not 'fatal'"), bad[1]);
        }
    }
}
