package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.heshell.shell.ShellProcess.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./shell as a user runs it: a fresh lab dir, a fresh HOME, real processes. */
class ShellIT {
    static final Path SHELL = ShellProcess.SHELL;

    @TempDir
    Path home;

    @AfterEach
    void stopLabs() throws Exception {
        ShellProcess.stopLabs(home);
    }

    Run shell(String stdin, Map<String, String> env, String... args) throws Exception {
        return new ShellProcess(home).run(stdin, env, 120, args);
    }

    Run shell(String... args) throws Exception {
        return shell(null, Map.of(), args);
    }

    String lab() {
        return home.resolve("lab").toString();
    }

    @Test
    void aFreshLabShowsThreeHostsUpWithTwoVmsEachAndTheEngineVmOnHost2() throws Exception {
        Run r = shell("--lab-dir", lab(), "-c", "hosts");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(1).matches("Host 1 +host1\\.lab\\.example +Up +2 +yes +3400"), lines.get(1));
        assertTrue(lines.get(2).matches("Host 2 +host2\\.lab\\.example +Up +2 \\+ engine VM +yes +3400 +◆ HostedEngine"),
                lines.get(2));
        assertTrue(lines.get(3).matches("Host 3 +host3\\.lab\\.example +Up +2 +yes +3400"), lines.get(3));
        assertFalse(r.out().contains("\u001B["), "no ANSI codes when not on a terminal");

        JsonNode json = new ObjectMapper().readTree(shell("--lab-dir", lab(), "--json", "-c", "hosts").out());
        assertEquals(3, json.size());
        for (JsonNode h : json) {
            assertEquals("up", h.get("status").asText());
            assertEquals(2, h.get("vmCount").asInt());
            assertEquals(3400, h.get("hostedEngineScore").asInt());
            assertEquals(h.get("name").asText().equals("Host 2"), h.get("runsEngineVm").asBoolean());
            assertTrue(h.get("address").asText().endsWith(".lab.example"));
        }
    }

    @Test
    void maintenanceOnHost1LeavesItEmptyAndHost3WithFour() throws Exception {
        Run r = shell("--lab-dir", lab(), "--lab-speed", "50", "-c", "host maintenance 'Host 1'; map");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Host 1: in maintenance (Maintenance)"), r.out());
        assertTrue(r.err().contains("vm1: Host 1 → Host 3"), "progress on stderr: " + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\(no VMs\\) +HostedEngine ◆ +vm\\d")), r.out());
        JsonNode map = new ObjectMapper().readTree(shell("--lab-dir", lab(), "--json", "-c", "map").out());
        assertEquals("maintenance", map.get("hosts").get(0).get("status").asText());
        assertEquals(0, map.get("hosts").get(0).get("vms").size());
        assertEquals(4, map.get("hosts").get(2).get("vms").size());
        assertTrue(map.get("hosts").get(1).get("runsEngineVm").asBoolean());
    }

    @Test
    void mistakesAreOneLineWithoutAStackTrace() throws Exception {
        shell("--lab-dir", lab(), "-c", "lab status"); // not started by this
        assertTrue(shell("--lab-dir", lab(), "-c", "hosts").err().startsWith("heshell: started a new lab in "));
        Run host = shell("--lab-dir", lab(), "-c", "host maintenance 'Host 9'; hosts");
        assertEquals(1, host.code());
        assertEquals("heshell: no host 'Host 9' in engine.lab.example; closest: Host 1, Host 2, Host 3 "
                + "(`hosts` lists them all)\n", host.err());
        assertEquals("", host.out(), "stops at the first failure");
        Run option = shell("--lab-dir", lab(), "--no-such-option");
        assertEquals(2, option.code());
        assertEquals(1, option.err().lines().count(), option.err());
        Run quote = shell("--lab-dir", lab(), "-c", "vms --host 'Host 1");
        assertEquals(2, quote.code());
        assertTrue(quote.err().startsWith("heshell: unclosed single quote"), quote.err());
        for (Run r : List.of(host, option, quote)) {
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void ctrlCStopsTheWaitNotTheShellsCleanExit() throws Exception {
        shell("--lab-dir", lab(), "-c", "hosts"); // create the lab first
        ProcessBuilder pb = new ProcessBuilder(SHELL.toString(), "--lab-dir", lab(), "--lab-speed", "0.01", "-c",
                "host maintenance 'Host 1'; hosts");
        pb.environment().put("HOME", home.toString());
        Path err = home.resolve("ctrl-c.err");
        pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        Thread.sleep(4000); // the JVM, the lab and the first polls of the wait
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the shell ends after Ctrl-C");
        assertEquals(130, p.exitValue());
        String text = Files.readString(err);
        assertTrue(text.startsWith("heshell: stopped waiting: Host 1 is Preparing for Maintenance with vm"), text);
        assertEquals(1, text.lines().count(), text);
    }

    @Test
    void withTheEngineBrokenTheShellOpensAndWhatNeedsNoManagerWorks() throws Exception {
        Run backup = shell("--lab-dir", lab(), "--lab-speed", "1000", "-c", "backup create; lab break engine");
        assertEquals(0, backup.code(), backup.err());
        Run offline = shell("--lab-dir", lab(), "-c", "backup list; backup verify " + backupId() + "; backup inspect "
                + backupId() + "; help restore; lab machines");
        assertEquals(0, offline.code(), offline.err());
        assertTrue(offline.out().contains("verified, 5 entries match sha256sum"), offline.out());
        assertTrue(offline.out().contains("engine: gone;"), offline.out());
        for (String needs : List.of("hosts", "run tour")) {
            Run r = shell("--lab-dir", lab(), "-c", needs);
            assertEquals(1, r.code(), needs);
            assertEquals(1, r.err().lines().count(), r.err());
            // on the token kept from the run before, the first request is what finds the Manager gone
            assertTrue(r.err().matches("(?s)heshell: (tour.groovy:\\d+: )?cannot (log in to|read the environment from)"
                    + " engine.lab.example"
                    + " \\(lab\\): the Manager is not running.*"), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        // The REPL on a real terminal: script(1) gives ./shell a pseudo-terminal.
        Path keys = home.resolve("keys");
        Files.writeString(keys, "backup list\nhosts\nexit\n");
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", "stty cols 200 rows 40; exec " + SHELL
                + " --no-color --lab-dir " + lab(), "/dev/null");
        pb.environment().put("HOME", home.toString());
        pb.redirectInput(keys.toFile()).redirectErrorStream(true);
        Process repl = pb.start();
        String screen = new String(repl.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .replaceAll("\u001B\\[[0-9;?]*[A-Za-z]|\u001B[=>]", "");
        assertTrue(repl.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, repl.exitValue(), screen);
        assertTrue(screen.contains("heshell engine.lab.example (lab), Manager not reachable>"), screen);
        assertTrue(screen.contains(backupId() + "  "), "backup list ran: " + screen);
        assertEquals(2, screen.lines().filter(l -> l.contains("the Manager is not running")).count(), screen);
    }

    @Test
    void colourFollowsWhetherStandardOutputIsATerminalNotStandardInput() throws Exception {
        shell("--lab-dir", lab(), "-c", "hosts"); // create the lab first
        String onTerminal = onTerminal(Map.of(), "-c hosts </dev/null");
        assertTrue(onTerminal.contains("\u001B[32mUp\u001B[0m"), "stdin redirected, stdout a terminal: " + onTerminal);
        String piped = onTerminal(Map.of(), "-c hosts </dev/null | cat");
        assertTrue(piped.contains("Host 1") && !piped.contains("\u001B["), piped);
        String noColour = onTerminal(Map.of("NO_COLOR", "1"), "-c hosts </dev/null");
        assertTrue(noColour.contains("Host 1") && !noColour.contains("\u001B["), noColour);
        String error = onTerminal(Map.of(), "-c 'host maintenance nosuch' </dev/null >/dev/null");
        assertTrue(error.contains("\u001B[31mheshell: no host 'nosuch'"), "stderr a terminal: " + error);
    }

    /** ./shell run by a shell on a pseudo-terminal (script(1)), with {@code redirections} after its options. */
    private String onTerminal(Map<String, String> env, String redirections) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", "stty cols 200 rows 40; " + SHELL
                + " --lab-dir " + lab() + " " + redirections, "/dev/null");
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("NO_COLOR");
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).redirectErrorStream(true);
        Process p = pb.start();
        String screen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return screen;
    }

    private String backupId() throws java.io.IOException {
        try (var files = Files.list(home.resolve(".heshell/backups"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).findFirst().orElseThrow();
        }
    }

    @Test
    void commandsPipedOnStdinRun() throws Exception {
        Run r = shell("hosts\nvms --host \"Host 2\"\n", Map.of(), "--lab-dir", lab());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Host 3  host3.lab.example"), r.out());
        assertTrue(r.out().contains("HostedEngine ◆  Up      Host 2"), r.out());
    }

    @Test
    void pipedLinesRunOneByOneUntilTheFirstBadOneWhichAloneIsQuoted() throws Exception {
        shell("--lab-dir", lab(), "-c", "hosts"); // the lab runs already, so its start is not news here
        Run r = shell("backup list\nlab machines\nvms --host \"Host 1\nbackup list\n", Map.of(), "--lab-dir", lab());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.out().split("no backups in the catalog yet", -1).length - 1,
                "the lines before the bad one ran, the one after did not: " + r.out());
        assertTrue(r.out().contains("engine: up;"), r.out());
        assertEquals("heshell: unclosed double quote in: vms --host \"Host 1 (close it, e.g. \"Host 1\")\n", r.err());

        String huge = "x".repeat(100_000);
        for (String line : List.of("backup inspect /tmp/" + huge, "host maintenance '" + huge + "'",
                "backup --" + huge + "=secret")) {
            Run cut = shell("--lab-dir", lab(), "-c", line);
            assertTrue(cut.code() != 0, line.substring(0, 20));
            assertEquals(1, cut.err().lines().count(), cut.err());
            assertTrue(cut.err().length() < 1000, cut.err());
            assertTrue(cut.err().contains("…"), cut.err());
        }
    }

    @Test
    void aScriptRunsWithTheModelAndTheCommands() throws Exception {
        Run r = shell("scripts/tour.groovy", "--lab-dir", lab());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Engine engine.lab.example 4.5.6, its VM on Host 2"), r.out());
        assertTrue(r.out().contains("A failover candidate: Host 1"), r.out());
    }

    @Test
    void twoBackupsTakenAtOnceByTwoShellsAreTwoVerifiedRecordsWithNothingLeftBehind() throws Exception {
        assertEquals(0, shell("--lab-dir", lab(), "-c", "hosts").code());
        ShellProcess p = new ShellProcess(home);
        Process a = p.start(Map.of(), "--lab-dir", lab(), "--lab-speed", "1000", "-c", "backup create");
        Process b = p.start(Map.of(), "--lab-dir", lab(), "--lab-speed", "1000", "-c", "backup create");
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue());
        assertEquals(0, b.exitValue());
        JsonNode list = new ObjectMapper().readTree(shell("--lab-dir", lab(), "--json", "-c", "backup list").out());
        List<JsonNode> records = new java.util.ArrayList<>();
        list.forEach(records::add);
        assertEquals(2, records.size(), list.toString());
        assertNotEquals(records.get(0).get("id").asText(), records.get(1).get("id").asText());
        assertTrue(records.stream().allMatch(r -> r.get("verified").asBoolean()), list.toString());
        try (var files = Files.list(home.resolve(".heshell/backups"))) {
            List<String> left = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".part") || n.endsWith(".tmp") || n.endsWith(".reserved")).toList();
            assertEquals(List.of(), left, "no partial file, reservation or temporary record is left");
        }
        // pruning takes the archives' lock files with them
        assertEquals(0, shell("--lab-dir", lab(), "-c", "backup prune --keep-last 1").code());
        try (var files = Files.list(home.resolve(".heshell/backups"))) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".lock")).count());
        }
    }

    @Test
    void theLabIsAProcessOfItsOwnThatTwoFirstStartsShareAndThatOutlivesTheShellsOnIt() throws Exception {
        // two first starts at once, on a new HOME and a new lab dir: one lab, both shells served
        ShellProcess p = new ShellProcess(home);
        // `help` declares every Groovy command, which both shells compile into the one cache at once
        Process a = p.start(Map.of(), "--lab-dir", lab(), "-c", "hosts; help");
        Process b = p.start(Map.of(), "--lab-dir", lab(), "-c", "hosts; help");
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue());
        assertEquals(0, b.exitValue());
        String notices = "";
        try (var files = Files.list(home)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("err")).toList()) {
                notices += Files.readString(f);
            }
        }
        assertEquals(1, notices.lines().filter(l -> l.contains("started a new lab in " + lab())).count(), notices);
        assertFalse(notices.contains("warning"), "no shell lost a Groovy command to the other: " + notices);
        JsonNode status = new ObjectMapper().readTree(shell("--lab-dir", lab(), "--json", "-c", "lab status").out());
        assertTrue(status.get("running").asBoolean(), status.toString());
        long pid = status.get("pid").asLong();

        // a shell that dies mid-maintenance takes nothing with it: the lab's world goes on for the others
        Process dying = p.start(Map.of(), "--lab-dir", lab(), "--lab-speed", "0.02", "-c", "host maintenance 'Host 1'");
        Run during = null;
        for (int i = 0; i < 100 && (during == null || !during.out().contains("Preparing")); i++) {
            Thread.sleep(100);
            during = shell("--lab-dir", lab(), "-c", "hosts");
        }
        assertTrue(during.out().contains("Preparing"), during.out());
        dying.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Run after = shell("--lab-dir", lab(), "--lab-speed", "1000", "-c", "hosts");
        assertEquals(0, after.code(), after.err());
        Run settled = null;
        for (int i = 0; i < 100 && (settled == null
                || settled.out().lines().noneMatch(l -> l.matches("Host 1 .* Maintenance +0 .*"))); i++) {
            Thread.sleep(100);
            settled = shell("--lab-dir", lab(), "-c", "hosts");
        }
        assertTrue(settled.out().lines().anyMatch(l -> l.matches("Host 1 .* Maintenance +0 .*")), settled.out());
        assertEquals(pid, new ObjectMapper().readTree(shell("--lab-dir", lab(), "--json", "-c", "lab status").out())
                .get("pid").asLong(), "the same lab served every shell");

        // lab stop: the state is kept, and the next command starts the lab again where it was
        Run stop = shell("--lab-dir", lab(), "-c", "lab stop; lab status");
        assertTrue(stop.out().contains("stopped the lab in " + lab() + " (process " + pid + ")"), stop.out());
        assertTrue(stop.out().contains("is not running"), stop.out());
        Run again = shell("--lab-dir", lab(), "-c", "hosts");
        assertTrue(again.err().contains("started the lab in " + lab()), again.err());
        assertTrue(again.out().lines().anyMatch(l -> l.matches("Host 1 .* Maintenance +0 .*")), again.out());

        // killed without a word: the next shell says so and starts a new one
        long second = new ObjectMapper().readTree(shell("--lab-dir", lab(), "--json", "-c", "lab status").out())
                .get("pid").asLong();
        ProcessHandle.of(second).orElseThrow().destroyForcibly();
        ProcessHandle.of(second).orElseThrow().onExit().get(10, TimeUnit.SECONDS);
        Run revived = shell("--lab-dir", lab(), "-c", "vms");
        assertEquals(0, revived.code(), revived.err());
        assertTrue(revived.err().contains("its last process, " + second + ", had ended without `lab stop`"),
                revived.err());
    }

    @Test
    void labServeIsReachedLikeARealEngineAndAWrongCaIsRefused() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(SHELL.toString(), "lab", "serve", "--lab-dir", lab());
        pb.environment().put("HOME", home.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process serve = pb.start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8));
            String url = lines.readLine();
            String ca = lines.readLine();
            String user = lines.readLine();
            String passwordFile = lines.readLine();
            assertTrue(url.matches("https://localhost:\\d+/ovirt-engine/api"), url);
            assertEquals("admin@internal", user);

            Run real = shell("--engine", url, "--ca-file", ca, "--password-file", passwordFile, "-c", "hosts");
            assertEquals(0, real.code(), real.err());
            assertTrue(real.out().contains("◆ HostedEngine"), real.out());

            Run env = shell(null, Map.of("HESHELL_PASSWORD", Files.readString(Path.of(passwordFile)).trim()),
                    "--engine", url, "--ca-file", ca, "-c", "vms");
            assertEquals(0, env.code(), env.err());

            Run second = shell("--lab-dir", lab(), "-c", "hosts");
            assertEquals(0, second.code(), "a second shell on the same lab dir joins the running lab: "
                    + second.err());

            shell("--lab-dir", home.resolve("other").toString(), "-c", "hosts");
            Run wrong = shell("--engine", url, "--ca-file", home.resolve("other").resolve("ca.pem").toString(),
                    "--password-file", passwordFile, "-c", "hosts");
            assertEquals(1, wrong.code());
            assertTrue(wrong.err().contains("is not trusted by the CA in"), wrong.err());
            assertEquals(1, wrong.err().lines().count(), wrong.err());

            Run kept = shell("--engine", url, "--ca-file", ca, "-c", "hosts");
            assertEquals(0, kept.code(), "the SSO token kept from the runs before needs no password: " + kept.err());
            Run logout = shell("--engine", url, "--ca-file", ca, "-c", "connect --logout");
            assertEquals(0, logout.code(), logout.err());
            Run noPassword = shell("--engine", url, "--ca-file", ca, "-c", "hosts");
            assertEquals(1, noPassword.code());
            assertTrue(noPassword.err().contains("no password for admin@internal"), noPassword.err());
        } finally {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void backupInspectShowsARealArchive() throws Exception {
        Path backup = org.heshell.backup.EngineBackupFixture.failoverBackup(home);
        Run r = shell("--lab-dir", lab(), "-c", "backup inspect " + backup);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Failover host: Host 1; carried VMs: Host 2, Host 3; engine VM HostedEngine on"
                + " Host 2"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("Host 3 +HOST3\\.lab\\.example +Up +3 +yes +3400")),
                r.out());
        Run bad = shell("--lab-dir", lab(), "-c", "backup inspect /etc/hostname");
        assertEquals(1, bad.code());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("heshell: hostname:"), bad.err());
    }

    @Test
    void aBackupOf200HostsAnd10000VmsInspectsInA64MibHeap() throws Exception {
        Path big = org.heshell.backup.EngineBackupFixture.large(home, 200, 10_000, 1_000_000);
        assertTrue(Files.size(big) > 8 << 20, "the archive is larger than a small fraction of the heap");
        Run r = shell(null, Map.of("HESHELL_JAVA_OPTS", "-Xmx64m"), "--lab-dir", lab(), "--json", "-c",
                "backup inspect " + big);
        assertEquals(0, r.code(), r.err());
        JsonNode b = new ObjectMapper().readTree(r.out());
        assertEquals(200, b.get("hosts").size());
        assertEquals(10_001, b.get("vms").size());
        assertEquals("Host 1", b.get("engineVmHost").asText());
    }

    @Test
    void backupSheOnAFreshLabLeavesOneVerifiedBackupInTheCatalog() throws Exception {
        Run r = shell("--lab-dir", lab(), "--lab-speed", "50", "-c", "backup-she --failover 'Host 1'; backup list");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("Backup engine\\.lab\\.example-\\d{8}-\\d{6} taken with Host 1 as the"
                + " failover host, which is Up again: .*; verified, 5 entries match sha256sum; failover host:"
                + " Host 1"), lines.get(0));
        assertTrue(lines.get(1).startsWith("ID "), lines.get(1));
        assertTrue(lines.get(2).matches("engine\\.lab\\.example-\\d{8}-\\d{6} +\\d{4}-.* +engine\\.lab\\.example"
                + " +4\\.5\\.6 +\\d+ KiB +yes +no +Host 1 +none"), lines.get(2)); // no copy off this machine yet
        assertEquals(3, lines.size(), r.out());
        assertTrue(r.err().contains("engine-backup: Done."), r.err());
        Path archive;
        try (var files = Files.list(home.resolve(".heshell/backups"))) {
            archive = files.filter(f -> f.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
        }
        Process tar = new ProcessBuilder("tar", "tzf", archive.toString()).start();
        List<String> entries = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        assertTrue(entries.containsAll(List.of("./version", "./config", "./files", "./db/engine_backup.db",
                "./sha256sum")), entries.toString());
        Run hosts = shell("--lab-dir", lab(), "--json", "-c", "hosts");
        assertTrue(new ObjectMapper().readTree(hosts.out()).get(0).get("status").asText().equals("up"));
    }

    @Test
    void aShellKilledMidFetchLeavesAPartialThatTheNextFetchResumesAndVerifies() throws Exception {
        assertEquals(0, shell("--lab-dir", lab(), "-c", "lab fault slow 1").code());
        ProcessBuilder pb = new ProcessBuilder(SHELL.toString(), "--lab-dir", lab(), "-c", "backup create");
        pb.environment().put("HOME", home.toString());
        Path err = home.resolve("killed.err");
        pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        String remote = null;
        for (int i = 0; i < 600 && remote == null; i++) {
            Thread.sleep(50);
            var m = java.util.regex.Pattern.compile("fetching engine\\.lab\\.example:(\\S+) to")
                    .matcher(Files.readString(err));
            remote = m.find() ? m.group(1) : null;
        }
        assertTrue(remote != null, "the fetch started: " + Files.readString(err));
        Thread.sleep(1500); // about 1.5 KiB of the archive at 1 KiB/s
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9
        Path part;
        try (var files = Files.list(home.resolve(".heshell/backups"))) {
            part = files.filter(f -> f.toString().endsWith(".part")).findFirst().orElseThrow();
        }
        assertTrue(Files.size(part) > 0, "a partial download was left");

        Run again = shell("--lab-dir", lab(), "-c", "lab fault clear; backup fetch " + remote + "; backup list");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("(resumed at "), again.err());
        assertTrue(again.out().lines().anyMatch(l -> l.contains(" yes ")), again.out());
        assertTrue(Files.notExists(part), "no partial left behind");
    }

    @Test
    void aCopyKilledHalfWrittenLeavesOnlyAHiddenPartThatTheNextCopyReplaces() throws Exception {
        // A large backup in the catalog, so that the copy is still being written when it is killed.
        Path backups = Files.createDirectories(home.resolve(".heshell/backups"));
        String id = "engine.lab.example-20261203-010203";
        Path file = backups.resolve(id + ".tar.gz");
        try (var out = Files.newOutputStream(file)) {
            byte[] chunk = new byte[1 << 20];
            new java.util.Random(16).nextBytes(chunk);
            for (int i = 0; i < 512; i++) {
                out.write(chunk);
            }
        }
        String sha = org.heshell.backup.Checksums.sha256(file);
        org.heshell.backup.Catalog catalog = new org.heshell.backup.Catalog(backups);
        catalog.record(new org.heshell.backup.CatalogEntry(id, file, "engine.lab.example", "4.5.6", Files.size(file),
                sha, java.time.Instant.parse("2026-12-03T01:02:03Z"), "engine.lab.example:/root/b.tar.gz", "all", true,
                null, List.of()));
        Path far = Files.createDirectories(home.resolve("far"));
        Path part = far.resolve("." + file.getFileName() + ".part");
        ProcessBuilder pb = new ProcessBuilder(SHELL.toString(), "-c", "backup copy " + id + " --to " + far);
        pb.environment().put("HOME", home.toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        for (int i = 0; i < 3000 && !Files.exists(part) && p.isAlive(); i++) {
            Thread.sleep(5);
        }
        assertTrue(Files.exists(part) && p.isAlive(), "the copy was being written");
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9
        try (var left = Files.list(far)) {
            assertEquals(List.of(part.getFileName().toString()), left.map(f -> f.getFileName().toString()).toList(),
                    "only the hidden part: no file there has the backup's name");
        }
        var entry = catalog.find(id).orElseThrow();
        assertTrue(entry.copies().isEmpty() && entry.verified(), "no copy is recorded: " + entry);
        assertEquals(sha, org.heshell.backup.Checksums.sha256(file), "the backup itself is untouched");

        Run again = shell("-c", "backup copy " + id + " --to " + far + "; backup list");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("Copied " + id + " to " + far.resolve(file.getFileName())), again.out());
        assertTrue(again.out().lines().anyMatch(l -> l.startsWith(id + " ") && l.endsWith(" 1")), again.out());
        try (var left = Files.list(far)) {
            assertEquals(List.of(file.getFileName().toString()), left.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void historyAndCachesStayPrivate() throws Exception {
        shell("--lab-dir", lab(), "-c", "run tour");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve(".heshell"))));
    }
}
