package org.heshell.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.heshell.backup.BackupArchive;
import org.heshell.backup.BackupContents;
import org.heshell.model.Host;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's machines as the real OpenSSH clients see them, through the ssh_config the lab writes. */
class LabMachinesTest {
    @TempDir
    static Path dir;
    static LabFixture lab;
    static Path config;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        lab = LabFixture.start(dir.resolve("lab"));
        lab.lab().awaitMachines();
        config = new LabDir(dir.resolve("lab")).sshConfigFile();
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    static Run run(String stdin, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, err);
    }

    static Run ssh(String machine, String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-F", config.toString(), "-o", "BatchMode=yes", machine,
                command));
        return run(null, cmd.toArray(String[]::new));
    }

    @Test
    void everyMachineAnswersAsItself() throws Exception {
        for (String m : List.of("engine.lab.example", "host1.lab.example", "host2.lab.example",
                "host3.lab.example")) {
            Run r = ssh(m, "hostname -f");
            assertEquals(0, r.code(), r.err());
            assertEquals(m + "\n", r.out());
        }
        assertTrue(ssh("host1.lab.example", "cat /etc/os-release").out().contains("VERSION_ID=\"8.10\""));
        Run status = ssh("host3.lab.example", "hosted-engine --vm-status");
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("--== Host host2.lab.example (id: 2) status ==--"), status.out());
        assertTrue(status.out().contains("Score                              : 3400"), status.out());
        assertTrue(status.out().contains("Engine status                      : {\"vm\": \"up\", \"health\":"
                + " \"good\", \"detail\": \"Up\"}"), status.out());
        Run never = ssh("host4.lab.example", "hosted-engine --vm-status");
        assertEquals(1, never.code());
        assertEquals("You must run deploy first\n", never.err());
        Run unknown = ssh("host2.lab.example", "rm -rf /");
        assertEquals(127, unknown.code());
        assertTrue(unknown.err().contains("rm: command not found"), unknown.err());
    }

    @Test
    void theCommandsOfTheManualPathAnswerAsOnRealHosts() throws Exception {
        Run status = ssh("host1.lab.example", "hosted-engine --vm-status");
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("--== Host host2.lab.example (id: 2) status ==--"), status.out());
        assertTrue(status.out().lines().anyMatch(l -> l.matches("Score +: 3400")), status.out());
        assertEquals(1, status.out().lines().filter(l -> l.contains("\"health\": \"good\"")).count(),
                "the engine VM runs on one host: " + status.out());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                ssh("host3.lab.example", "hosted-engine --vm-status --json").out());
        assertTrue(json.get("2").get("engine-status").asText().contains("\"vm\": \"up\""), json.toString());
        assertEquals(3400, json.get("1").get("score").asInt());
        assertFalse(json.get("global_maintenance").asBoolean());
        assertEquals(127, ssh("engine.lab.example", "hosted-engine --vm-status").code(), "not on the engine VM");

        Run df = ssh("engine.lab.example", "df -h /var/lib/ovirt-engine-backup");
        assertEquals(0, df.code(), df.err());
        assertTrue(df.out().lines().toList().get(1).matches("/dev/mapper/lab +\\S+ +\\S+ +\\S+ +\\d+% /"), df.out());
        assertEquals(1, ssh("engine.lab.example", "df /nope").code());
        assertEquals("host1.lab.example\n", ssh("host1.lab.example", "uname -n").out());
        assertTrue(ssh("host1.lab.example", "uname -r").out().endsWith(".el8_10.x86_64\n"));
        assertEquals("192.0.2.11      host1.lab.example\n", ssh("host2.lab.example", "getent hosts host1.lab.example").out());
        assertEquals(2, ssh("host2.lab.example", "getent hosts nosuch.lab.example").code());
    }

    @Test
    void hostedEngineSetMaintenanceChangesWhatTheAgentsAndTheManagerReport() throws Exception {
        LabWorld w = lab.lab().world();
        try {
            assertEquals(0, ssh("host1.lab.example", "hosted-engine --set-maintenance --mode=global").code());
            assertTrue(ssh("host2.lab.example", "hosted-engine --vm-status").out()
                    .contains("!! Cluster is in GLOBAL MAINTENANCE mode !!"));
            assertTrue(w.snapshot().globalMaintenance());
            assertEquals(0, ssh("host3.lab.example", "hosted-engine --set-maintenance --mode=local").code());
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    ssh("host1.lab.example", "hosted-engine --vm-status --json").out());
            assertTrue(json.get("global_maintenance").asBoolean());
            assertTrue(json.get("3").get("maintenance").asBoolean());
            assertEquals(0, json.get("3").get("score").asInt());
            Run bad = ssh("host1.lab.example", "hosted-engine --set-maintenance --mode=sometimes");
            assertEquals(1, bad.code());
            assertTrue(bad.err().contains("Invalid maintenance mode"), bad.err());
        } finally {
            assertEquals(0, ssh("host3.lab.example", "hosted-engine --set-maintenance --mode=none").code());
        }
        assertFalse(w.snapshot().globalMaintenance());
        assertEquals(3400, w.snapshot().hosts().get(2).heScore());
    }

    @Test
    void engineBackupOnTheEngineVmAndSftpFetchIt() throws Exception {
        String remote = "/var/lib/ovirt-engine-backup/engine-backup.tar.gz";
        Run backup = ssh("engine.lab.example", "engine-backup --mode=backup --scope=all --file=" + remote
                + " --log=/var/log/ovirt-engine-backup/backup.log");
        assertEquals(0, backup.code(), backup.err());
        assertTrue(backup.out().contains("Packing into file '" + remote + "'") && backup.out().endsWith("Done.\n"),
                backup.out());
        Run hostBackup = ssh("host1.lab.example", "engine-backup --mode=backup --file=/x");
        assertEquals(127, hostBackup.code(), "only the engine VM has engine-backup");

        Path local = dir.resolve("fetched.tar.gz");
        Run sftp = run("get " + remote + " " + local + "\n", "sftp", "-F", config.toString(), "-b", "-",
                "engine.lab.example");
        assertEquals(0, sftp.code(), sftp.err());
        String sum = ssh("engine.lab.example", "sha256sum " + remote).out();
        assertEquals(org.heshell.backup.Checksums.sha256(local) + "  " + remote + "\n", sum);
        assertEquals(org.heshell.backup.Checksums.sha256(local) + " *" + remote + "\n", ssh("engine.lab.example",
                "openssl dgst -sha256 -r " + remote + " 2>/dev/null || sha256sum " + remote).out());
        assertEquals(sum, ssh("engine.lab.example", "no-such-tool " + remote + " 2>/dev/null || sha256sum " + remote)
                .out(), "the second of `A || B` runs when the first fails, A's errors unseen");
        String head = ssh("engine.lab.example", "head -c 100 " + remote + " | sha256sum").out();
        byte[] first = java.util.Arrays.copyOf(Files.readAllBytes(local), 100);
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(first)) + "  -\n", head);
        assertEquals(0, ssh("engine.lab.example", "engine-backup --mode=verify --file=" + remote).code());

        BackupContents b = BackupArchive.inspect(local);
        assertEquals("engine.lab.example", b.engineFqdn());
        assertEquals(List.of("Host 1", "Host 2", "Host 3"), b.environment().hosts().stream().map(Host::name)
                .toList());
        assertTrue(ssh("engine.lab.example", "df -P /var/lib/ovirt-engine-backup").out()
                .matches("Filesystem +1024-blocks +Used +Available +Capacity +Mounted on\n/dev/mapper/lab .*\n"));
    }

    @Test
    void nothingOutsideAMachinesDirectoryIsReachable() throws Exception {
        Run escape = ssh("engine.lab.example", "sha256sum ../../../../../etc/passwd");
        assertEquals(1, escape.code());
        assertTrue(escape.err().contains("Permission denied"), escape.err());
        Run missing = ssh("engine.lab.example", "sha256sum /nope");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("No such file or directory"), missing.err());
    }
}
