package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.heshell.command.CommandContext;
import org.heshell.command.Commands;
import org.heshell.engine.EngineSession;
import org.heshell.engine.EngineTarget;
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
        return drive(shell.commands, new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), history, 0);
    }

    private static String drive(Commands commands, InputStream keys, Path history, int expectedCode)
            throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (DumbTerminal terminal = new DumbTerminal("test", "xterm", keys, screen, StandardCharsets.UTF_8)) {
            terminal.setSize(new Size(120, 40));
            int code = Interactive.run(commands, terminal, false, false, false, "engine.lab.example (lab)", history);
            assertEquals(expectedCode, code, screen.toString(StandardCharsets.UTF_8));
        }
        // What a person reads: the text without the terminal's control sequences and JLine's fresh-line marks.
        return screen.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;?]*[A-Za-z]|\u001B[=>]", "")
                .replaceAll("~ *\r \r", "").replace("\r", "");
    }

    /** Keys typed in turns: {@code between} runs once the REPL asks for the second turn's first key. */
    private static InputStream turns(String first, Runnable between, String second) {
        return new SequenceInputStream(new ByteArrayInputStream(first.getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    private InputStream rest;

                    @Override
                    public int read() throws java.io.IOException {
                        if (rest == null) {
                            between.run();
                            rest = new ByteArrayInputStream(second.getBytes(StandardCharsets.UTF_8));
                        }
                        return rest.read();
                    }
                });
    }

    @Test
    void withTheEngineBrokenTheReplOpensAndRunsWhatNeedsNoManager() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.commands.execute(List.of("lab", "break", "engine"));
            String out = drive(shell.lazy(), new ByteArrayInputStream(
                    "backup list\nhelp restore\nlab machines\nhosts\nrestore status\n".getBytes(StandardCharsets.UTF_8)),
                    null, 1);
            assertTrue(out.contains("heshell: cannot log in to engine.lab.example (lab): the Manager is not running"),
                    out);
            assertTrue(out.contains("heshell engine.lab.example (lab), Manager not reachable> backup list\n"
                    + "no backups in the catalog yet"), out);
            assertTrue(out.contains("Usage: heshell restore"), out);
            assertTrue(out.contains("engine: gone; appliance on the hosts"), out);
            assertTrue(out.lines().filter(l -> l.contains("the Manager is not running")).count() == 2
                    && out.lines().noneMatch(l -> l.startsWith("NAME ")), "hosts says so in one line: " + out);
            assertTrue(out.contains("heshell: no restore yet"), out);
            assertFalse(out.contains("Exception"), out);
        }
    }

    @Test
    void aManagerThatComesBackIsUsedByTheNextCommandAndThePromptSaysSo() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            AtomicBoolean up = new AtomicBoolean();
            // Nothing listens on port 1: the SDK's own "connection refused", as for a Manager that is down.
            EngineTarget nowhere = new EngineTarget("https://localhost:1/ovirt-engine/api", "admin@internal", null,
                    false, "lab", true);
            Commands commands = shell.commands(new CommandContext(shell.connections,
                    () -> up.get() ? shell.connections.lab() : EngineSession.open(nowhere, "x".toCharArray())));
            String out = drive(commands, turns("hosts\n", () -> up.set(true), "hosts\nvms\n"), null, 0);
            assertTrue(out.contains("heshell engine.lab.example (lab), Manager not reachable> hosts\nheshell: "),
                    out);
            assertTrue(out.contains("heshell engine.lab.example (lab)> vms"), "logged in again: " + out);
            assertTrue(out.contains("Host 3  host3.lab.example  Up"), out);
        }
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
    void connectSwitchesToANamedEngineWhoseNameTabCompletesAndAWrongNameIsOneLineWithTheClosest() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            // ~/.heshell/engines names this lab's API as a real engine would be named: URL, CA, password file.
            Path home = Files.createDirectories(dir.resolve("home/.heshell")).getParent();
            var lab = shell.lab.endpoint();
            Path password = Files.copy(lab.passwordFile(), home.resolve(".heshell/prod.password"));
            Files.setPosixFilePermissions(password, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Files.writeString(home.resolve(".heshell/engines"), "[prod]\nurl = " + lab.apiUrl() + "\nca-file = "
                    + lab.caFile() + "\npassword-file = ~/.heshell/prod.password\n[staging]\nlab-dir = ~/s\n");
            String saved = System.getProperty("user.home");
            System.setProperty("user.home", home.toString());
            String out;
            try {
                out = drive(shell, "connect --engine pr\t\nhosts\nconnect --engine prd\nconnect --engine st\t\n"
                        + "exit\n", null);
            } finally {
                System.setProperty("user.home", saved);
            }
            assertTrue(out.contains("> connect --engine prod \n"), "TAB completed the name: " + out);
            String host = java.net.URI.create(lab.apiUrl()).getHost();
            assertTrue(out.contains("connected to " + host + " (oVirt 4.5.6): 3 hosts"), out);
            assertTrue(out.contains("heshell " + host + "> hosts\n"), "the prompt names the engine now in use: " + out);
            assertTrue(out.contains("Host 3  host3.lab.example  Up"), "the named engine answers: " + out);
            List<String> wrong = out.lines().filter(l -> l.startsWith("heshell: no engine 'prd'")).toList();
            assertEquals(List.of("heshell: no engine 'prd' in " + home.resolve(".heshell/engines")
                    + " (known: prod, staging); did you mean prod?"), wrong, out);
            assertTrue(out.contains("heshell: engine staging is a lab; start a shell on it: ./shell --engine staging"),
                    "TAB completed the lab's name, which connect refuses in one line: " + out);
            assertFalse(out.contains("Exception"), out);
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
