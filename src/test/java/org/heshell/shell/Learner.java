package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.heshell.backup.Catalog;
import org.jline.terminal.Size;
import org.jline.terminal.impl.DumbTerminal;

/**
 * A learner at the real REPL on a terminal of byte streams: types lines, reads the screen as a person would
 * (without control sequences). Each {@link #type} is one sitting: the REPL starts, reads the keys, and ends.
 */
final class Learner {
    private final ShellFixture shell;

    Learner(ShellFixture shell) throws IOException {
        this.shell = shell;
        shell.lab.lab().awaitMachines();
        Files.writeString(shell.knownHosts(), "");
    }

    /** Types {@code lines} (one command each) and returns what the screen shows. */
    String type(String... lines) throws Exception {
        String keys = String.join("\n", lines) + "\n";
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (DumbTerminal terminal = new DumbTerminal("test", "xterm",
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            terminal.setSize(new Size(160, 50));
            Interactive.run(shell.commands, terminal, false, false, false, "lab", null);
        }
        return screen.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;?]*[A-Za-z]|\u001B[=>]", "")
                .replace("\r", "");
    }

    /** The newest backup's id, as `backup list` shows it to the learner. */
    String backup() {
        return shell.commands.provided(Catalog.class).list().get(0).id();
    }

    /** The newest restore journal's id, as `restore plan` printed it. */
    String journal(String screen) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("restore run (restore-[0-9-]+)").matcher(screen);
        assertTrue(m.find(), "a saved plan names its journal: " + screen);
        return m.group(1);
    }

    /** Asserts that step {@code step} is done only after {@code marker} appears on the screen. */
    static void doneAfter(String screen, String marker, String step) {
        int action = screen.indexOf(marker);
        int done = screen.indexOf("✓ " + step + " done");
        assertTrue(action >= 0, "the screen shows " + marker + ": " + screen);
        assertTrue(done > action, "step " + step + " is done only after " + marker + ": " + screen);
    }

    /** Asserts that no step was done on this screen. */
    static void noProgress(String screen) {
        assertFalse(screen.contains(" done\n") && screen.contains("✓ "), "no step is done: " + screen);
    }
}
