package org.heshell.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.heshell.shell.ShellProcess;
import org.heshell.shell.ShellProcess.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore as a user runs it: ./shell processes against a fresh lab, killed and run again. */
class RestoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @AfterEach
    void stopLabs() throws Exception {
        org.heshell.shell.ShellProcess.stopLabs(home);
    }

    ShellProcess shell() {
        return new ShellProcess(home);
    }

    String lab() {
        return home.resolve("lab").toString();
    }

    /** Runs commands on the lab at {@code speed}; fails the test when they fail. */
    Run ok(String speed, String commands) throws Exception {
        Run r = shell().run(null, Map.of(), 300, "--lab-dir", lab(), "--lab-speed", speed, "-c", commands);
        assertEquals(0, r.code(), () -> commands + ": " + r.err());
        return r;
    }

    /** The disaster after {@code backup} (a command taking one backup): the engine is broken; the backup's id. */
    String backupThenBreak(String speed, String backup) throws Exception {
        ok(speed, backup + "; lab break engine");
        JsonNode list = JSON.readTree(shell().run("--lab-dir", lab(), "--json", "-c", "backup list").out());
        assertEquals(1, list.size(), list.toString());
        return list.get(0).get("id").asText();
    }

    /** The end the procedure promises: engine VM on Host 1, Hosts 1–3 Up with hosted engine, six VMs running. */
    void assertRestored() throws Exception {
        JsonNode hosts = JSON.readTree(shell().run("--lab-dir", lab(), "--json", "-c", "hosts").out());
        assertEquals(3, hosts.size(), hosts.toString());
        for (JsonNode h : hosts) {
            assertEquals("up", h.get("status").asText(), h.toString());
            assertEquals(3400, h.get("hostedEngineScore").asInt(), h.toString());
            assertEquals(h.get("name").asText().equals("Host 1"), h.get("runsEngineVm").asBoolean(), h.toString());
        }
        JsonNode vms = JSON.readTree(shell().run("--lab-dir", lab(), "--json", "-c", "vms").out());
        long running = 0;
        for (JsonNode v : vms) {
            if (!v.get("name").asText().equals("HostedEngine") && v.get("status").asText().equals("up")) {
                running++;
            }
        }
        assertEquals(6, running, vms.toString());
    }

    @Test
    void withHostedStorageLostTheRestoreDeploysOnNewStorageAndKeepsTheOldDomainRenamed() throws Exception {
        ok("1000", "backup-she --failover \"Host 1\"; lab break storage");
        JsonNode list = JSON.readTree(shell().run("--lab-dir", lab(), "--json", "-c", "backup list").out());
        String id = list.get(0).get("id").asText();

        Run blocked = shell().run(null, Map.of(), 300, "--lab-dir", lab(), "-c", "restore-she " + id
                + " --deploy-on \"Host 1\"");
        assertEquals(1, blocked.code(), blocked.out() + blocked.err());
        assertTrue(blocked.out().contains("the hosted-engine storage domain is unreachable"), blocked.out());
        assertTrue(blocked.out().contains("--storage SERVER:/EXPORT"), blocked.out());

        Run r = ok("1000", "restore-she " + id + " --deploy-on \"Host 1\" --storage 192.0.2.5:/exports/he_new");
        assertTrue(r.out().contains(", finished"), r.out());
        assertTrue(r.out().contains("on new storage 192.0.2.5:/exports/he_new"), r.out());
        assertRestored();

        // through the Java SDK, as the role leaves it: hosted_storage anew there, the old one renamed and inactive
        org.heshell.lab.LabEndpoint e = org.heshell.lab.LabProcess.running(Path.of(lab())).orElseThrow();
        java.security.KeyStore trust = java.security.KeyStore.getInstance("JKS");
        trust.load(null, null);
        try (var in = Files.newInputStream(e.caFile())) {
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        Path jks = home.resolve("trust.jks");
        try (var out = Files.newOutputStream(jks)) {
            trust.store(out, "changeit".toCharArray());
        }
        try (org.ovirt.engine.sdk4.Connection sdk = org.ovirt.engine.sdk4.ConnectionBuilder.connection()
                .url(e.apiUrl()).user(e.user()).password(Files.readString(e.passwordFile()).strip())
                .trustStoreFile(jks.toString()).trustStorePassword("changeit").build()) {
            Map<String, org.ovirt.engine.sdk4.types.StorageDomain> domains = new java.util.HashMap<>();
            sdk.systemService().storageDomainsService().list().send().storageDomains()
                    .forEach(d -> domains.put(d.name(), d));
            assertEquals("/exports/he_new", domains.get("hosted_storage").storage().path(), domains.keySet()
                    .toString());
            List<String> old = domains.keySet().stream().filter(n -> n.matches("hosted_storage_old_\\d{8}T\\d{6}"))
                    .toList();
            assertEquals(1, old.size(), domains.keySet().toString());
            assertEquals("/exports/hosted_storage", domains.get(old.get(0)).storage().path());
        }
    }

    @Test
    void theDrillRestoresAFreshLab() throws Exception {
        Run r = shell().run(null, Map.of(), 400, "scripts/drill.groovy", "--lab-dir", lab());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Drill report") && r.out().contains("restore-she on Host 1"), r.out());
        assertTrue(r.out().contains("HostedEngine ◆"), r.out());
        assertRestored();
    }

    @Test
    void anAllLoadedBackupBlocksHost2AndClearsTheNewHost4() throws Exception {
        String id = backupThenBreak("50", "backup create");
        Run host2 = shell().run("--lab-dir", lab(), "-c", "restore plan " + id + " --deploy-on 'Host 2'");
        assertEquals(1, host2.code(), host2.out() + host2.err());
        assertTrue(host2.out().contains("✗ Host 2 carried VMs at backup time and matches the deploying host"),
                host2.out());
        assertTrue(host2.out().contains("shares name Host 2, FQDN host2.lab.example, IP 192.0.2.12"), host2.out());
        assertTrue(host2.out().contains("nothing was saved"), host2.out());

        Run host4 = shell().run("--lab-dir", lab(), "-c", "restore plan " + id + " --deploy-on host4.lab.example");
        assertEquals(0, host4.code(), host4.out() + host4.err());
        assertTrue(host4.out().contains("host4.lab.example is a new host: it matches no host of the backup"),
                host4.out());
        assertTrue(host4.out().contains("Clear to go: saved as restore-"), host4.out());

        ok("50", "lab dns remove PTR 192.0.2.14; lab os appliance 4.5-20241010.1.el9");
        Run broken = shell().run("--lab-dir", lab(), "-c", "preflight " + id + " --deploy-on host4.lab.example");
        assertEquals(1, broken.code());
        assertTrue(broken.out().contains("192.0.2.14 has no reverse (PTR) record"), broken.out());
        assertTrue(broken.out().contains("the appliance's OS differs from the original Manager's"), broken.out());
    }

    @Test
    void anEncryptedBackupIsTakenInspectedPlannedAndRestoredByTheShellAndDecryptedByGpg() throws Exception {
        try (org.heshell.backup.GpgFixture key = org.heshell.backup.GpgFixture.create(home, "drill", "default",
                "correct horse")) {
            String id = backupThenBreak("50", "backup-she --failover 'Host 1' --encrypt-to " + key.publicKey);
            JsonNode entry = JSON.readTree(shell().run("--lab-dir", lab(), "--json", "-c", "backup list").out()).get(0);
            assertEquals(key.fingerprint, entry.get("encryptedTo").asText(), entry.toString());
            Path file = Path.of(entry.get("file").asText());
            assertTrue(file.toString().endsWith(".tar.gz.gpg") && org.heshell.backup.OpenPgp.isMessage(file));
            // The real gpg gives back the archive the engine wrote: the sha256 its sha256sum gave at the fetch.
            Path clear = home.resolve("decrypted.tar.gz");
            key.decrypt(file, clear);
            assertEquals(entry.get("sha256").asText(), org.heshell.backup.Checksums.sha256(clear));

            Run none = shell().run("--lab-dir", lab(), "-c", "backup inspect " + id);
            assertEquals(1, none.code());
            assertTrue(none.err().endsWith("give its private key with --decrypt-with KEY\n"), none.err());
            // The passphrase as a script gives it (a terminal would be asked); it appears nowhere.
            Map<String, String> env = Map.of("HESHELL_PASSPHRASE", "correct horse");
            Run inspect = shell().run(null, env, 120, "--lab-dir", lab(), "-c", "backup inspect " + id
                    + " --decrypt-with " + key.privateKey);
            assertEquals(0, inspect.code(), inspect.err());
            assertTrue(inspect.out().contains("; encrypted (OpenPGP) to " + key.fingerprint + ", decrypted as read"),
                    inspect.out());
            assertTrue(inspect.out().contains("Failover host: Host 1"), inspect.out());
            Run plan = shell().run(null, env, 120, "--lab-dir", lab(), "-c", "restore plan " + id
                    + " --deploy-on 'Host 1' --decrypt-with " + key.privateKey);
            assertEquals(0, plan.code(), plan.out() + plan.err());
            assertTrue(plan.out().contains("Clear to go: saved as restore-"), plan.out());
            Run restore = shell().run(null, env, 300, "--lab-dir", lab(), "--lab-speed", "50", "-c", "restore-she "
                    + id + " --deploy-on 'Host 1' --decrypt-with " + key.privateKey);
            assertEquals(0, restore.code(), restore.err());
            assertRestored();
            for (Run r : List.of(none, inspect, plan, restore)) {
                assertTrue(!(r.out() + r.err()).contains("correct horse"), "the passphrase is never shown");
            }
        }
    }

    @Test
    void aNewHostRestoresABackupTakenWithoutAFailoverHost() throws Exception {
        String id = backupThenBreak("50", "backup create");
        ok("50", "restore-she " + id + " --deploy-on host4.lab.example");
        JsonNode hosts = JSON.readTree(shell().run("--lab-dir", lab(), "--json", "-c", "hosts").out());
        assertEquals(4, hosts.size(), hosts.toString());
        for (JsonNode h : hosts) {
            assertEquals("up", h.get("status").asText(), h.toString());
            assertEquals(3400, h.get("hostedEngineScore").asInt(), h.toString());
            assertEquals(h.get("address").asText().equals("host4.lab.example"), h.get("runsEngineVm").asBoolean(),
                    h.toString());
        }
    }

    @Test
    void skippingTheOldHostsRemovalFailsTheDeploymentAndHeshellSaysWhyAndHow() throws Exception {
        String id = backupThenBreak("50", "backup-she --failover 'Host 1'");
        String plan = JSON.readTree(shell().run("--lab-dir", lab(), "--lab-speed", "50", "--json", "-c",
                "restore plan " + id + " --deploy-on 'Host 1'").out()).get("journal").asText();
        Run skipped = shell().run(null, Map.of(), 300, "--lab-dir", lab(), "--lab-speed", "50", "-c",
                "restore run " + plan + " --skip remove-old-host");
        assertEquals(1, skipped.code(), skipped.err());
        String last = skipped.err().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.contains("'Host 1' (name Host 1, FQDN host1.lab.example, IP 192.0.2.11) is still in the"
                + " restored Manager") && last.contains("remove the old record before the new host synchronizes"),
                last);

        ok("50", "restore run " + plan);
        assertRestored();
    }

    @Test
    void killedAtEveryStepBoundaryTheRestoreStillCompletes() throws Exception {
        Process serve = serve("20");
        try {
            String id = backupThenBreak("20", "backup-she --failover 'Host 1'");
            List<String> boundaries = List.of("copy", "deploy", "remove-old-host", "wait-engine", "redeploy:Host 2",
                    "redeploy:Host 3");
            List<String> killedAfter = new ArrayList<>();
            for (String step : boundaries) {
                Process p = shell().start(Map.of(), "--lab-dir", lab(), "-c", "restore-she " + id
                        + " --deploy-on 'Host 1'");
                if (awaitDone(step, p)) {
                    p.destroyForcibly();
                    killedAfter.add(step);
                }
                p.waitFor(30, TimeUnit.SECONDS);
            }
            assertTrue(killedAfter.size() >= 4, "killed after " + killedAfter);
            Run last = ok("20", "restore-she " + id + " --deploy-on 'Host 1'; restore status");
            assertTrue(last.out().contains("finished"), last.out());
            JsonNode journal = journal();
            for (JsonNode s : journal.get("steps")) {
                assertEquals("done", s.get("state").asText(), s.toString());
            }
            assertTrue(journal.get("steps").get(0).get("note").asText().startsWith("copied to"),
                    "the copy was done once and never again: " + journal);
            assertRestored();
        } finally {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void ctrlCStopsARestoreAtASafePointAndTheNextRunFinishesIt() throws Exception {
        Process serve = serve("3");
        try {
            String id = backupThenBreak("3", "backup-she --failover 'Host 1'");
            Process p = shell().start(Map.of(), "--lab-dir", lab(), "-c", "restore-she " + id
                    + " --deploy-on 'Host 1'");
            assertTrue(await("redeploy:Host 2", "running", p), "the restore reached Host 2's redeployment");
            Thread.sleep(500); // inside the wait for Host 2's VMs to migrate
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the shell ends after Ctrl-C");
            assertEquals(130, p.exitValue());
            JsonNode step = journal().get("steps").get(4);
            assertEquals("redeploy:Host 2", step.get("id").asText());
            assertEquals("pending", step.get("state").asText(), "stopped, not failed: " + step);
            assertTrue(step.get("note").asText().startsWith("stopped: "), step.toString());

            ok("3", "restore-she " + id + " --deploy-on 'Host 1'");
            assertRestored();
        } finally {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The lab on its own, like a real environment: killing heshell does not kill the deployment. */
    private Process serve(String speed) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ShellProcess.SHELL.toString(), "lab", "serve", "--lab-dir", lab(),
                "--lab-speed", speed);
        pb.environment().put("HOME", home.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process serve = pb.start();
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8)).readLine();
        return serve;
    }

    /** Waits until the restore's journal shows {@code step} done; false when the process ended first. */
    private boolean awaitDone(String step, Process p) throws Exception {
        return await(step, "done", p);
    }

    /** Waits until the restore's journal shows {@code step} in {@code state}; false when the process ended first. */
    private boolean await(String step, String state, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            JsonNode j = journal();
            if (j != null) {
                for (JsonNode s : j.get("steps")) {
                    if (s.get("id").asText().equals(step) && s.get("state").asText().equals(state)) {
                        return true;
                    }
                }
            }
            if (!p.isAlive()) {
                return false;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("step " + step + " not " + state + " within 120 s: " + journal());
    }

    private JsonNode journal() throws Exception {
        Path root = home.resolve(".heshell").resolve("restore");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (var dirs = Files.list(root)) {
            Path f = dirs.map(d -> d.resolve("journal.json")).filter(Files::isRegularFile).findFirst().orElse(null);
            return f == null ? null : JSON.readTree(f.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // read while being replaced; the next poll sees it whole
        }
    }
}
