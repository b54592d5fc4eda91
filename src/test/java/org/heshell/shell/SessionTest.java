package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines of commands through the shell's session, as -c and piped input run them: what stdout and stderr get. */
class SessionTest {
    @TempDir
    static Path dir;
    static ShellFixture shell;

    @BeforeAll
    static void start() throws Exception {
        shell = new ShellFixture(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        shell.close();
    }

    private static String[] run(boolean json, String text) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        new Session(shell.commands, new Output(new PrintWriter(out), new PrintWriter(err), json, false, false, false,
                100)).run(text);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void jsonForOneCommandInsideTheShell() throws Exception {
        String[] r = run(false, "hosts --json; map");
        List<String> lines = r[0].lines().toList();
        JsonNode hosts = new ObjectMapper().readTree(lines.get(0));
        assertEquals(3, hosts.size(), r[0]);
        assertTrue(lines.get(1).startsWith("Engine engine.lab.example"), "map as text: " + r[0]);
    }

    @Test
    void jsonOutputIsOneDocumentPerLineErrorsIncluded() throws Exception {
        String[] r = run(true, "hosts; vms; host maintenance nosuch");
        List<String> lines = r[0].lines().toList();
        assertEquals(3, lines.size(), r[0]);
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(3, mapper.readTree(lines.get(0)).size());
        assertEquals(7, mapper.readTree(lines.get(1)).size());
        JsonNode error = mapper.readTree(lines.get(2));
        assertTrue(error.get("error").asText().startsWith("no host 'nosuch'"), lines.get(2));
        assertEquals(1, error.get("exitCode").asInt());
        assertTrue(r[1].startsWith("heshell: no host 'nosuch'"), "and the line on stderr: " + r[1]);
    }
}
