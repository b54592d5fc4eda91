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

    /** What TAB offers at the end of {@code line}, in the order the completer gives it. */
    static List<String> offered(ShellCompleter c, String line) {
        List<Candidate> out = new ArrayList<>();
        var parsed = PARSER.parse(line, line.length(), Parser.ParseContext.COMPLETE);
        c.complete(null, parsed, out);
        return out.stream().sorted(java.util.Comparator.comparingInt(Candidate::sort)).map(Candidate::value)
                .filter(v -> v.startsWith(parsed.word())).toList();
    }

    @Test
    void attachNetworkOffersTheClustersNetworksTheHostLacksFirstThenItsNics() throws Exception {
        try (ShellFixture own = new ShellFixture(dir.resolve("networks"))) {
            // the cluster has storage (required; on every host but Host 3) and display (on none)
            var site = own.ctx.connector().labSite(null);
            own.ctx.connector().labSite(new org.heshell.command.LabSiteSettings(site.engine(), site.appliance(),
                    site.machines().stream().map(m -> new org.heshell.command.LabSiteSettings.Machine(m.fqdn(),
                            m.ips(), m.os(), m.fqdn().equals("host3.lab.example") ? List.of() : List.of("storage")))
                            .toList(), site.dns(), List.of(new org.heshell.command.LabSiteSettings.Network("storage",
                            true), new org.heshell.command.LabSiteSettings.Network("display", false)), site.lost(),
                    site.hostedStorage()));
            own.ctx.refresh();
            ShellCompleter c = new ShellCompleter(own.commands);
            assertEquals(List.of("storage", "display", "ovirtmgmt"), offered(c, "host attach-network \"Host 3\" "));
            assertEquals(List.of("display", "ovirtmgmt", "storage"), offered(c, "host attach-network 'Host 1' "));
            assertEquals(List.of("storage"), offered(c, "host attach-network host3.lab.example st"));
            assertEquals(List.of("eth0", "eth1"), offered(c, "host attach-network \"Host 3\" storage "));
            assertEquals(List.of(), offered(c, "host attach-network \"Host 9\" "), "no such host: nothing");
            assertEquals(List.of(), offered(c, "host attach-network \"Host 3\" storage eth1 "), "three words only");
            // what TAB offered is what the Manager takes
            String[] done = own.run(false, "host attach-network \"Host 3\" storage eth1");
            assertTrue(done[0].contains("storage attached to eth1"), done[0] + done[1]);
            assertEquals(List.of("display", "ovirtmgmt", "storage"), offered(c, "host attach-network \"Host 3\" "));
        }
    }

    @Test
    void commandsAndSubcommands() {
        assertEquals(List.of("host", "hosts"), complete("ho"));
        assertEquals(List.of("activate", "attach-network", "maintenance", "remove"), complete("host "));
        assertEquals(List.of("shutdown", "start", "status"), complete("engine-vm "));
        assertTrue(complete("").containsAll(List.of("help", "hosts", "vms", "map", "host", "connect", "exit", "run",
                "prepare-failover")), complete("").toString());
    }

    @Test
    void engineNamesOfTheEnginesFileForEveryEngineOption() throws Exception {
        Path home = java.nio.file.Files.createDirectories(dir.resolve("home/.heshell")).getParent();
        java.nio.file.Files.writeString(home.resolve(".heshell/engines"), "[prod]\nlab-dir = ~/p\n[prod-2]\n"
                + "lab-dir = ~/q\n[test]\nlab-dir = ~/t\n");
        String saved = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            assertEquals(List.of("prod", "prod-2"), complete("connect --engine pr"));
            assertEquals(List.of("prod", "prod-2", "test"), complete("backup check --engine "));
            assertEquals(List.of("test"), complete("backup schedule --engine t"));
        } finally {
            System.setProperty("user.home", saved);
        }
    }

    @Test
    void hostNamesForPositionalsAndOptionValues() {
        assertEquals(List.of("Host 1", "Host 2", "Host 3"), complete("host maintenance Ho"));
        assertEquals(List.of("Host 1", "Host 2", "Host 3"), complete("host remove --force Ho"));
        assertEquals(List.of("Host 1", "Host 2", "Host 3"), complete("host attach-network Ho"));
        assertEquals(List.of("Host 1", "Host 2", "Host 3"), complete("vms --host "));
        assertEquals(List.of("Host 1", "Host 2", "Host 3"), complete("prepare-failover "));
        assertEquals(List.of(), complete("host maintenance \"Host 1\" "), "one host only");
        assertEquals(List.of("HostedEngine"), complete("vms Ho"));
        assertEquals(List.of("vm1", "vm2", "vm3", "vm4", "vm5", "vm6"), complete("vms --host \"Host 1\" vm"));
    }

    @Test
    void optionsOfTheCommandAtTheCursorEvenAfterASemicolon() {
        assertEquals(List.of("--help", "--json", "--no-wait", "--timeout"), complete("map; host activate --"));
        assertEquals(List.of("--force", "--help", "--json"), complete("host remove --"));
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

    /** The candidates in the order the REPL shows them. */
    static List<String> shown(String line) {
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, PARSER.parse(line, line.length(), Parser.ParseContext.COMPLETE), out);
        String word = PARSER.parse(line, line.length(), Parser.ParseContext.COMPLETE).word();
        return out.stream().sorted().map(Candidate::value).filter(v -> v.startsWith(word)).toList();
    }

    @Test
    void filesLiteralsScopesLabMachinesAndDnsWordsInNaturalOrder() throws Exception {
        var catalog = new org.heshell.backup.Catalog(dir.resolve("backups"));
        for (String id : List.of("n-10", "n-2", "n-1")) {
            catalog.record(new org.heshell.backup.CatalogEntry(id, dir.resolve(id + ".tar.gz"), "engine.lab.example",
                    "4.5.6", 1, "00", java.time.Instant.now(), "x", "all", true, null, List.of()));
        }
        assertEquals(List.of("n-1", "n-2", "n-10"), shown("backup inspect n-"), "vm2 before vm10");
        // Ids first: the current directory's files only once the word looks like a path, or when no id fits.
        assertEquals(List.of("n-1", "n-10", "n-2"), complete("backup inspect "), "no pom.xml among the ids");
        assertEquals(List.of("n-1", "n-10", "n-2"), complete("restore plan "));
        assertTrue(complete("backup inspect ./").contains("./pom.xml"), complete("backup inspect ./").toString());
        assertEquals(List.of("pom.xml"), complete("backup inspect pom"), "no id fits: the files");
        java.nio.file.Files.writeString(dir.resolve("engine-backup.tar.gz"), "");
        assertTrue(complete("backup inspect " + dir + "/eng").contains(dir + "/engine-backup.tar.gz"), "files too");
        assertTrue(complete("backup verify " + dir + "/").contains(dir + "/engine-backup.tar.gz"));
        assertTrue(complete("run scripts/").contains("scripts/tour.groovy"), complete("run scripts/").toString());
        // The OpenPGP key options take files: the public key to encrypt to, the private key to decrypt with.
        java.nio.file.Files.writeString(dir.resolve("backups-public.asc"), "");
        for (String line : List.of("backup create --encrypt-to ", "backup fetch /r.tar.gz --encrypt-to ",
                "backup-she --encrypt-to ", "backup schedule --encrypt-to ", "backup inspect n-1 --decrypt-with ",
                "backup verify n-1 --decrypt-with ", "backup diff n-1 live --decrypt-with ",
                "restore plan n-1 --decrypt-with ", "restore run r-1 --decrypt-with ", "preflight n-1 --decrypt-with ",
                "restore-she n-1 --decrypt-with ")) {
            assertTrue(complete(line + dir + "/backups-p").contains(dir + "/backups-public.asc"), line);
        }
        assertTrue(complete("backup diff n-1 l").contains("live"), complete("backup diff n-1 l").toString());
        assertEquals(List.of("all", "db", "files"), complete("backup create --scope "));
        assertEquals(List.of("appliance", "engine.lab.example", "host1.lab.example", "host2.lab.example",
                "host3.lab.example", "host4.lab.example"), complete("lab os "));
        assertEquals(List.of("add", "remove"), complete("lab dns "));
        assertEquals(org.heshell.command.LabFailure.ids().stream().sorted().toList(), complete("lab scenario "),
                "the scenarios complete from their declaration");
        assertEquals(List.of("n-1", "n-2", "n-10"), shown("map --before n-"));
        assertEquals(List.of("A", "PTR"), complete("lab dns remove "));
        assertTrue(complete("lab dns remove PTR ").contains("192.0.2.11"), complete("lab dns remove PTR ").toString());
        assertTrue(complete("lab dns add A ").contains("host4.lab.example"), complete("lab dns add A ").toString());
        assertTrue(complete("lab dns add A host4.lab.example ").contains("192.0.2.14"));
        List<String> deploy = complete("restore plan n-1 --deploy-on ");
        assertTrue(deploy.contains("host4.lab.example") && !deploy.contains("engine.lab.example"), deploy.toString());
    }

    @Test
    void skipOffersTheStepIdsOfTheRestoresPlan() {
        var steps = List.of(new org.heshell.restore.PlanStep("copy-backup", "Copy", "host1.lab.example", "why"),
                new org.heshell.restore.PlanStep("remove-old-host", "Remove", "engine.lab.example", "why"));
        org.heshell.restore.RestoreJournal.create(dir.resolve("restore"), new org.heshell.restore.RestorePlan("b",
                dir.resolve("b.tar.gz"), 1, "engine.lab.example", "Host 1", "host1.lab.example", "Host 1", "Host 1",
                List.of(), steps));
        assertEquals(List.of("copy-backup", "remove-old-host"), complete("restore run r --skip "));
        assertEquals(List.of("remove-old-host"), complete("restore run r --skip rem"));
    }

    @Test
    void aTabOffersOnlyTheNamesThatStartWithWhatWasTypedAndAllWhenNoneDoes() {
        List<Candidate> out = new ArrayList<>();
        String line = "vms vm";
        completer.complete(null, PARSER.parse(line, line.length(), Parser.ParseContext.COMPLETE), out);
        assertTrue(!out.isEmpty() && out.stream().allMatch(c -> c.value().toLowerCase().startsWith("vm")),
                out.toString());
        // nothing starts with "xq": every name stays, for JLine's matching of typing errors
        List<Candidate> all = List.of(new Candidate("vm1"), new Candidate("Host 1"));
        assertEquals(all, ShellCompleter.startingWith(all, "xq"));
        assertEquals(List.of(all.get(1)), ShellCompleter.startingWith(all, "ho"));
    }

    @Test
    void naturalOrderCountsDigitsAsNumbers() {
        List<String> names = new ArrayList<>(List.of("vm10", "vm2", "Host 10", "host 9", "vm1", "vm02b"));
        names.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("host 9", "Host 10", "vm1", "vm2", "vm02b", "vm10"), names);
    }
}
