package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.heshell.shell.ShellProcess.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many engines in ~/.heshell/engines: two labs (two lab dirs, each served by its own process) and Managers that
 * cannot be reached or refuse the password, checked at once by `backup check --all`; one broken, the others go on.
 */
class EnginesIT {
    @TempDir
    Path home;

    @AfterEach
    void stopLabs() throws Exception {
        ShellProcess.stopLabs(home);
    }

    private Run shell(String... args) throws Exception {
        return new ShellProcess(home).run(null, java.util.Map.of(), 180, args);
    }

    private Path secret(String name, String text) throws Exception {
        Path p = Files.writeString(home.resolve(".heshell").resolve(name), text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    @Test
    void twoLabEnginesCheckedAtOnceOneBrokenShowOkAndCriticalInOneTable() throws Exception {
        Files.createDirectories(home.resolve(".heshell"));
        secret("prod.password", "pw\n");
        Path config = home.resolve(".heshell/engines");
        Files.writeString(config, """
                # two labs, each its own engine, and a Manager that does not answer
                [lab-a]
                lab-dir = ~/labs/a
                backups = ~/backups/a
                [lab-b]
                lab-dir = ~/labs/b
                backups = ~/backups/b
                [prod]
                url = https://127.0.0.1:1/ovirt-engine/api
                password-file = ~/.heshell/prod.password
                """);
        Run backup = shell("--engine", "lab-a", "--lab-speed", "1000", "-c", "backup-she --failover 'Host 1'");
        assertEquals(0, backup.code(), backup.err());
        assertTrue(backup.out().contains(home.resolve("backups/a").toString()), "lab-a's own catalog: "
                + backup.out());
        Run broken = shell("--engine", "lab-b", "-c", "lab break engine");
        assertEquals(0, broken.code(), broken.err());
        // a Manager that answers and refuses the password: lab-a's API, with a wrong one
        java.util.Properties a = new java.util.Properties();
        try (var in = Files.newInputStream(home.resolve("labs/a/endpoint"))) {
            a.load(in);
        }
        secret("wrong.password", "not-the-password\n");
        Files.writeString(config, "[wrong-password]\nurl = " + a.getProperty("url") + "\nca-file = "
                + a.getProperty("ca") + "\npassword-file = ~/.heshell/wrong.password\n",
                java.nio.file.StandardOpenOption.APPEND);

        Path metrics = home.resolve("heshell.prom");
        Run check = shell("-c", "backup check --all --metrics " + metrics);
        assertEquals(2, check.code(), check.out() + check.err());
        List<String> lines = check.out().lines().toList();
        assertEquals("BACKUP CRITICAL - 4 engines: lab-b CRITICAL, prod CRITICAL, wrong-password CRITICAL, lab-a OK",
                lines.get(0));
        assertTrue(lines.get(1).matches("NAME +ENGINE +STATUS +VERIFIED +FAILOVER +ENGINE SAYS +PROBLEMS"),
                lines.get(1));
        assertTrue(lines.get(2).matches("lab-a +engine\\.lab\\.example +OK +\\d+m ago +\\d+m ago +engine-backup done"
                + " \\d+m ago +-"), lines.get(2));
        assertTrue(lines.get(3).matches("lab-b +engine\\.lab\\.example +CRITICAL +- +- +not read \\(below\\) +no"
                + " backups in the catalog; take one with `backup create`"), lines.get(3));
        assertTrue(lines.get(4).matches("prod +127\\.0\\.0\\.1 +CRITICAL .*"), lines.get(4));
        assertTrue(lines.contains("lab-b: the engine's events could not be read: cannot log in to engine.lab.example"
                + " (lab): the Manager is not running (its web server answers in its place); check the engine VM"
                + " with `hosted-engine --vm-status` on a host"), check.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("prod: the engine's events could not be read: cannot"
                + " log in to 127.0.0.1: cannot connect to https://127.0.0.1:1/ovirt-engine/api")), check.out());
        assertTrue(lines.contains("wrong-password: the engine's events could not be read: cannot log in to"
                + " localhost: login as admin@internal failed: the user name or password is incorrect"), check.out());
        String prom = Files.readString(metrics);
        assertTrue(prom.contains("\nheshell_backup_status{name=\"lab-a\",engine=\"engine.lab.example\"} 0\n"), prom);
        assertTrue(prom.contains("\nheshell_backup_status{name=\"lab-b\",engine=\"engine.lab.example\"} 2\n"), prom);
        assertTrue(prom.contains("\nheshell_engine_events_readable{name=\"lab-b\",engine=\"engine.lab.example\"}"
                + " 0\n"), prom);

        Run one = shell("-c", "backup check --engine lab-a");
        assertEquals(0, one.code(), one.out() + one.err());
        assertEquals("BACKUP OK - 1 engine: lab-a OK", one.out().lines().findFirst().orElseThrow());

        JsonNode json = new ObjectMapper().readTree(shell("--json", "-c", "backup check --all").out());
        assertEquals("CRITICAL", json.get("state").asText());
        assertEquals("lab-a", json.get("engines").get(0).get("name").asText());
        assertEquals("OK", json.get("engines").get(0).get("state").asText());
        assertEquals(9025, json.get("engines").get(0).get("engineEvents").get("newestCompleted").get("code").asInt());
        assertFalse(json.get("engines").get(1).get("engineEvents").get("readable").asBoolean());
        assertEquals("CRITICAL", json.get("engines").get(1).get("state").asText());
    }

    @Test
    void anUnknownEngineATypoAndAPasswordOthersCanReadAreOneLineAndNothingStarts() throws Exception {
        Files.createDirectories(home.resolve(".heshell"));
        Path open = secret("open.password", "pw\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r-----"));
        Path config = Files.writeString(home.resolve(".heshell/engines"), """
                [lab-a]
                lab-dir = ~/labs/a
                [prod]
                url = https://engine.example.com/ovirt-engine/api
                password-file = ~/.heshell/open.password
                """);
        Run unknown = shell("--engine", "lab-c", "-c", "hosts");
        assertEquals(2, unknown.code());
        assertEquals("", unknown.out());
        assertEquals("heshell: no engine 'lab-c' in " + config + " (known: lab-a, prod); did you mean lab-a?", unknown.err().strip());

        Run readable = shell("--engine", "prod", "-c", "hosts");
        assertEquals(2, readable.code());
        assertEquals("heshell: engine prod: password-file " + open + " can be read by others; chmod 600 " + open
                + " (~/.heshell/engines)", readable.err().strip());
        Run all = shell("-c", "backup check --all");
        assertEquals(2, all.code());
        assertEquals("heshell: engine prod: password-file " + open + " can be read by others; chmod 600 " + open
                + " (~/.heshell/engines)", all.err().strip(), "checked before any engine is asked");

        Files.writeString(config, "[lab-a]\nlab-dir = ~/labs/a\nbakups = ~/b\n");
        Run typo = shell("-c", "backup check --all");
        assertEquals(2, typo.code());
        assertEquals("heshell: " + config + " line 3: unknown key 'bakups'; did you mean backups? (keys: url,"
                + " ca-file, user, password-file, ssh-user, ssh-identity, failover, backups, lab-dir)",
                typo.err().strip());
        assertFalse(Files.exists(home.resolve("labs")), "no lab was started");
    }
}
