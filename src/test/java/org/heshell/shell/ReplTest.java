package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Size;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real REPL loop on a JLine terminal made of byte streams: keys in, screen out. The terminal type is xterm,
 * not dumb: JLine gives dumb terminals a key map without completion.
 */
class ReplTest {
    @TempDir
    Path dir;

    private String drive(ShellFixture shell, String keys, Path history) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (DumbTerminal terminal = new DumbTerminal("test", "xterm",
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            terminal.setSize(new Size(120, 40));
            int code = Interactive.run(shell.commands, terminal, false, false, false, "lab", history);
            assertEquals(0, code, screen.toString(StandardCharsets.UTF_8));
        }
        // What a person reads: the text without the terminal's control sequences.
        return screen.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;?]*[A-Za-z]|\u001B[=>]", "");
    }

    @Test
    void tabCompletesHostNamesQuotedAndTheCommandRuns() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Path history = dir.resolve("history");
            String out = drive(shell, "host maintenance Ho\t1\t\nexit\n", history);
            assertTrue(out.contains("Host 1") && out.contains("Host 2") && out.contains("Host 3"),
                    "the ambiguous TAB lists the hosts: " + out);
            assertTrue(Files.readString(history).contains("host maintenance \"Host 1\""), Files.readString(history));
            assertTrue(out.contains("Host 1: in maintenance (Maintenance)"), out);
            assertTrue(out.contains("vm1, vm2 moved to Host 3"), out);
        }
    }

    @Test
    void errorsAreOneLineAndTheShellGoesOnAndHistoryKeepsNoSecret() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Path history = dir.resolve("history");
            String out = drive(shell, "host maintenance nosuch\nconnect --password hunter2\nhosts\n", history);
            assertTrue(out.contains("heshell: no host 'nosuch' in engine.lab.example; closest:"), out);
            assertTrue(out.contains("heshell: unknown option '--password' for connect"), out);
            assertTrue(out.contains("Host 3  host3.lab.example  Up"), out);
            assertFalse(out.contains("Exception"), out);
            String saved = Files.readString(history);
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(history)));
            assertTrue(saved.contains("host maintenance nosuch"), saved);
            assertFalse(saved.contains("hunter2"), saved);
        }
    }

    @Test
    void aTrailingBackslashContinuesTheCommandOnTheNextLine() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            String out = drive(shell, "vms --host \\\n\"Host 2\"\n", null);
            assertTrue(out.contains("HostedEngine ◆  Up      Host 2"), out);
            assertFalse(out.contains("vm1"), out);
        }
    }
}
