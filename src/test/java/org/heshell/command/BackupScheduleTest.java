package org.heshell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `backup schedule`: units that systemd itself accepts, a password only by file, nothing written on bad input. */
class BackupScheduleTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void home() {
        // The units run the launcher in heshell.home: the repository, as ./shell sets it.
        System.setProperty("heshell.home", Path.of("").toAbsolutePath().toString());
    }

    private Result schedule(String... args) {
        Commands commands = new Commands(new CommandContext(null, (org.heshell.engine.EngineSession) null));
        Commands.builtins().forEach(commands::add);
        List<String> argv = new ArrayList<>(List.of("backup", "schedule", "--unit-dir", dir.toString()));
        argv.addAll(List.of(args));
        return commands.execute(argv);
    }

    private static String systemdAnalyze(Path... units) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify"));
        for (Path u : units) {
            cmd.add(u.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() + ":" + out;
    }

    @Test
    void theUnitsVerifyWithSystemdAndRunTheBackupThenThePruneAndAlwaysTheCheck() throws Exception {
        Path password = Files.writeString(dir.resolve("engine.password"), "secret-password\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path metrics = dir.resolve("text files/heshell.prom");
        String said = ((Result.Text) schedule("--engine", "https://engine.example.com/ovirt-engine/api",
                "--password-file", password.toString(), "--failover", "Host 1", "--keep-daily", "7",
                "--on-calendar", "Mon..Fri 01:00", "--metrics", metrics.toString())).text();
        String systemctl = System.getProperty("user.name").equals("root") ? "systemctl" : "systemctl --user";
        assertTrue(said.endsWith("enable them with: " + systemctl + " daemon-reload && " + systemctl
                + " enable --now heshell-backup.timer"), said);
        Path service = dir.resolve("heshell-backup.service");
        Path timer = dir.resolve("heshell-backup.timer");
        assertEquals("0:", systemdAnalyze(service, timer));
        String unit = Files.readString(service);
        assertTrue(unit.contains("\"--password-file\" \"" + password + "\""), unit);
        assertFalse(unit.contains("secret-password"), "the password never goes into a unit");
        assertTrue(unit.contains("\"-c\" \"backup-she --failover 'Host 1'; backup prune --keep-daily 7\"\n"), unit);
        assertTrue(unit.contains("ExecStopPost=-\"" + Path.of("").toAbsolutePath().resolve("shell") + "\""), unit);
        assertTrue(unit.contains("\"backup check --max-age 26h --metrics '" + metrics + "'\""), unit);
        assertTrue(Files.readString(timer).contains("OnCalendar=Mon..Fri 01:00\n"));

        String removed = ((Result.Text) schedule("--remove")).text();
        assertTrue(removed.startsWith("Removed " + timer + " and " + service), removed);
        assertFalse(Files.exists(service) || Files.exists(timer));
    }

    @Test
    void printShowsTheLabsUnitsAndWritesNothing() throws Exception {
        String text = ((Result.Text) schedule("--print", "--lab-dir", dir.resolve("lab").toString())).text();
        assertTrue(text.contains("OnCalendar=*-*-* 02:30:00"), text);
        assertTrue(text.contains("\"--lab-dir\" \"" + dir.resolve("lab") + "\" \"-c\" \"backup create\""), text);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aPasswordOthersCanReadOrNoneAndBadTimesAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path open = Files.writeString(dir.resolve("open.password"), "x");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        String url = "https://engine.example.com/ovirt-engine/api";
        assertEquals("--password-file " + open + " can be read by others; chmod 600 it first", assertThrows(
                CommandException.class, () -> schedule("--engine", url, "--password-file", open.toString()))
                .getMessage());
        assertTrue(assertThrows(CommandException.class, () -> schedule("--engine", url)).getMessage()
                .contains("needs --password-file"));
        assertEquals("--at '25:00' is not a time of day; write HH:MM, e.g. 02:30", assertThrows(
                CommandException.class, () -> schedule("--at", "25:00")).getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the password file");
        }
    }

    /** Runs {@code body} with ~ at {@code home}, where ~/.heshell/engines is read. */
    private static void withHome(Path home, org.junit.jupiter.api.function.Executable body) throws Throwable {
        String saved = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            body.execute();
        } finally {
            System.setProperty("user.home", saved);
        }
    }

    @Test
    void allWritesOnePairOfUnitsPerEngineThatSystemdAcceptsNamingTheEngineOnly() throws Throwable {
        Path home = Files.createDirectories(dir.resolve("home/.heshell")).getParent();
        Path password = Files.writeString(home.resolve(".heshell/prod.password"), "secret-password\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path engines = Files.writeString(home.resolve(".heshell/engines"), """
                [prod]
                url = https://engine.example.com/ovirt-engine/api
                password-file = ~/.heshell/prod.password
                failover = Host 1
                [lab-a]
                lab-dir = ~/labs/a
                """);
        Path units = Files.createDirectories(dir.resolve("units"));
        Path metrics = dir.resolve("text/heshell.prom");
        withHome(home, () -> {
            String said = ((Result.Text) scheduleIn(units, "--all", "--keep-daily", "7", "--metrics",
                    metrics.toString())).text();
            assertTrue(said.endsWith(" enable --now heshell-backup-prod.timer heshell-backup-lab-a.timer"), said);
            Path prod = units.resolve("heshell-backup-prod.service");
            Path lab = units.resolve("heshell-backup-lab-a.service");
            assertEquals("0:", systemdAnalyze(prod, units.resolve("heshell-backup-prod.timer"), lab,
                    units.resolve("heshell-backup-lab-a.timer")));
            String unit = Files.readString(prod);
            assertFalse(unit.contains("secret-password") || unit.contains("prod.password"),
                    "the unit names the engine; the shell reads its password file from ~/.heshell/engines");
            assertTrue(unit.contains("\"--engine\" \"prod\" \"-c\" \"backup-she --failover 'Host 1'; backup prune"
                    + " --keep-daily 7\"\n"), unit);
            assertTrue(unit.contains("ExecStopPost=-\"" + Path.of("").toAbsolutePath().resolve("shell") + "\" \"-c\""
                    + " \"backup check --engine prod --max-age 26h --metrics " + dir.resolve("text/heshell-prod.prom")
                    + "\"\n"), unit);
            assertTrue(Files.readString(lab).contains("\"--engine\" \"lab-a\" \"-c\" \"backup create; backup prune"
                    + " --keep-daily 7\"\n"), "no failover setting: backup create");

            // a password file others can read stops all of it before anything is written
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
            Path other = Files.createDirectories(dir.resolve("other"));
            assertEquals("engine prod: password-file " + password + " can be read by others; chmod 600 " + password
                    + " (~/.heshell/engines)", assertThrows(CommandException.class, () -> scheduleIn(other, "--all"))
                    .getMessage());
            try (var files = Files.list(other)) {
                assertEquals(0, files.count());
            }

            String removed = ((Result.Text) scheduleIn(units, "--remove", "--all")).text();
            assertTrue(removed.endsWith("disable --now heshell-backup-lab-a.timer heshell-backup-prod.timer"), removed);
            try (var files = Files.list(units)) {
                assertEquals(0, files.count());
            }
        });
        assertTrue(Files.exists(engines));
    }

    private Result scheduleIn(Path units, String... args) {
        Commands commands = new Commands(new CommandContext(null, (org.heshell.engine.EngineSession) null));
        Commands.builtins().forEach(commands::add);
        List<String> argv = new ArrayList<>(List.of("backup", "schedule", "--unit-dir", units.toString()));
        argv.addAll(List.of(args));
        return commands.execute(argv);
    }
}
