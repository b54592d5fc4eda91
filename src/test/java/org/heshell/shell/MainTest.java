package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ./shell's own command line, before anything starts. */
class MainTest {
    @Test
    void aMisplacedOptionValueIsNotEchoed() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, Main.run(new String[] {"--password=hunter2"}));
        } finally {
            System.setErr(saved);
        }
        assertEquals("heshell: unknown option '--password' (./shell --help)\n", err.toString(StandardCharsets.UTF_8));
    }
}
