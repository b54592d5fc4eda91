package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lab dns`: the lab's DNS table keeps one value per name and type, and says so when asked for a second. */
class LabDnsOnTheLabTest {
    @TempDir
    Path dir;

    @Test
    void aRecordAddedTwiceOrPointedElsewhereIsRefusedAndTheTableIsUnchanged() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            String before = shell.run(false, "lab dns")[0];
            String[] twice = shell.run(false, "lab dns add PTR 192.0.2.11 host1.lab.example");
            assertEquals("heshell: the lab's DNS already has PTR 192.0.2.11 host1.lab.example (nothing changed)",
                    twice[1].strip());
            String[] elsewhere = shell.run(false, "lab dns add A host1.lab.example 192.0.2.99");
            assertEquals("heshell: the lab's DNS already has A host1.lab.example 192.0.2.11; `lab dns remove A"
                    + " host1.lab.example` first to point it elsewhere (nothing changed)", elsewhere[1].strip());
            assertEquals(before, shell.run(false, "lab dns")[0]);

            shell.run(false, "lab dns remove PTR 192.0.2.11");
            String[] added = shell.run(false, "lab dns add PTR 192.0.2.11 host1.lab.example");
            assertTrue(added[1].isEmpty(), added[1]);
            assertEquals(before.lines().sorted().toList(), shell.run(false, "lab dns")[0].lines().sorted().toList());
        }
    }
}
