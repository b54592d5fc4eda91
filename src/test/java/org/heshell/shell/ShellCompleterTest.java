package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellCompleterTest {
    @TempDir
    static Path dir;
    static ShellFixture shell;
    static ShellCompleter completer;
    static final ShellParser PARSER = new ShellParser();

    @BeforeAll
    static void start() throws Exception {
        shell = new ShellFixture(dir);
        completer = new ShellCompleter(shell.commands);
    }

    @AfterAll
    static void stop() throws Exception {
        shell.close();
    }

    static List<String> complete(String line) {
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, PARSER.parse(line, line.length(), Parser.ParseContext.COMPLETE), out);
        String word = PARSER.parse(line, line.length(), Parser.ParseContext.COMPLETE).word();
        return out.stream().map(Candidate::value).filter(v -> v.startsWith(word)).sorted().toList();
    }

    @Test
    void commandsAndSubcommands() {
        assertEquals(List.of("host", "hosts"), complete("ho"));
        assertEquals(List.of("activate", "maintenance"), complete("host "));
        assertTrue(complete("").containsAll(List.of("help", "hosts", "vms", "map", "host", "connect", "exit", "run",
                "prepare-failover")), complete("").toString());
    }

    @Test
    void hostNamesForPositionalsAndOptionValues() {
        assertEquals(List.of("Host 1", "Host 2", "Host 3"), complete("host maintenance Ho"));
        assertEquals(List.of("Host 1", "Host 2", "Host 3"), complete("vms --host "));
        assertEquals(List.of("Host 1", "Host 2", "Host 3"), complete("prepare-failover "));
        assertEquals(List.of(), complete("host maintenance \"Host 1\" "), "one host only");
        assertEquals(List.of("HostedEngine"), complete("vms Ho"));
        assertEquals(List.of("vm1", "vm2", "vm3", "vm4", "vm5", "vm6"), complete("vms --host \"Host 1\" vm"));
    }

    @Test
    void optionsOfTheCommandAtTheCursorEvenAfterASemicolon() {
        assertEquals(List.of("--help", "--no-wait", "--timeout"), complete("map; host activate --"));
        assertEquals(List.of("--host"), complete("vms --h").stream().filter(s -> s.equals("--host")).toList());
    }

    @Test
    void namesWithSpacesAreQuotedAndPlainNamesAreNot() {
        CompletingParsedLine plain = (CompletingParsedLine) PARSER.parse("host maintenance Ho", 19,
                Parser.ParseContext.COMPLETE);
        assertEquals("\"Host 1\"", plain.escape("Host 1", true).toString());
        assertEquals("\"Host ", plain.escape("Host ", false).toString());
        assertEquals("hosts", plain.escape("hosts", true).toString());
        CompletingParsedLine quoted = (CompletingParsedLine) PARSER.parse("host maintenance 'Ho", 20,
                Parser.ParseContext.COMPLETE);
        assertEquals("'Host 1'", quoted.escape("Host 1", true).toString());
    }

    @Test
    void theHostToRestoreOnCompletesFromTheLiveHostsAndTheCatalogsBackups() {
        new org.heshell.backup.Catalog(dir.resolve("backups")).record(new org.heshell.backup.CatalogEntry("b-1",
                dir.resolve("b-1.tar.gz"), "engine.lab.example", "4.5.6", 1, "00", java.time.Instant.now(), "x", "all",
                true, "Host 1", List.of("Host 1", "host1.lab.example", "Host 4", "host4.lab.example")));
        assertEquals(List.of("Host 1", "Host 2", "Host 3", "Host 4"), complete("restore plan b-1 --deploy-on Ho"));
        assertEquals(List.of("host4.lab.example"), complete("preflight b-1 --deploy-on host4"));
        assertTrue(complete("restore plan ").contains("b-1"), "backup ids");
    }
}
