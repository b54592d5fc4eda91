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

    @Test
    void aRemovedHostIsStillNamedOnTheEventsAboutIt() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.run(false, "host maintenance 'Host 1'\nhost remove 'Host 1'");
            List<String> lines = shell.run(false, "events --host 'Host 1'")[0].lines().toList();
            assertEquals(6, lines.size(), "44 removed, 15 maintenance, two 67 migrations, 620 asked: " + lines);
            assertTrue(lines.get(1).matches(".* normal +44 +Host 1 +Host Host 1 was removed by .*"), lines.get(1));
            for (String line : lines.subList(1, lines.size())) {
                assertTrue(line.matches(".* normal +\\d+ +Host 1 +\\S.*"), line);
            }
            JsonNode all = new ObjectMapper().readTree(shell.run(true, "events")[0]);
            for (JsonNode e : all) {
                if (e.get("description").asText().startsWith("Host Host 1 ")) {
                    assertEquals("Host 1", e.get("host").asText(), e.toString());
                }
            }
            // through the SDK: the engine's event keeps the host's name (audit_log.vds_name) after the host is gone
            var removed = shell.ctx.engine().events(1, null).get(0);
            assertEquals(44, removed.code());
            assertEquals("Host 1", removed.hostName());
            String[] typo = shell.run(false, "events --host 'Hots 1'");
            assertTrue(typo[1].contains("no host 'Hots 1'"), typo[1]);
        }
    }
}
