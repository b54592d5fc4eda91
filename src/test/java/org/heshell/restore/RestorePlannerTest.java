package org.heshell.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heshell.backup.BackupArchive;
import org.heshell.backup.BackupContents;
import org.heshell.lab.LabBackups;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule of the procedure alone, against backups the lab's engine wrote: everything else is right, one thing is
 * wrong, and exactly that rule blocks, saying what it saw.
 */
class RestorePlannerTest {
    private static final String APPLIANCE = "ovirt-engine-appliance-4.5-20241010.1.el8";
    private static final OsVersion RHEL_8_10 = new OsVersion("rhel", "8.10");

    @TempDir
    static Path dir;
    static Path failover;
    static Path loaded;

    @BeforeAll
    static void backups() throws Exception {
        failover = LabBackups.failover(dir);
        loaded = LabBackups.loaded(dir);
    }

    /** The lab's DNS: A and PTR for the engine and hosts 1–4, minus {@code without}. */
    static TableResolver dns(String... without) {
        List<TableResolver.Record> r = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            String name = i == 0 ? "engine.lab.example" : "host" + i + ".lab.example";
            String ip = "192.0.2." + (10 + i);
            r.add(new TableResolver.Record("A", name, ip));
            r.add(new TableResolver.Record("PTR", ip, name));
        }
        r.removeIf(x -> List.of(without).contains(x.type() + " " + x.name()));
        return new TableResolver(r);
    }

    static DeployHost host(String asked, String fqdn) {
        return new DeployHost(asked, fqdn, RHEL_8_10, APPLIANCE, 100L << 30, null);
    }

    static RestoreFacts facts(DeployHost host) {
        return new RestoreFacts(host, null, "engine.lab.example", dns());
    }

    static RestorePlan plan(Path backup, RestoreFacts facts) throws Exception {
        BackupContents b = BackupArchive.inspect(backup);
        return RestorePlanner.plan("b1", backup, Files.size(backup), b, facts);
    }

    /** The one blocking finding, and that there is only that one. */
    static Finding onlyBlocker(RestorePlan p, String rule) {
        List<Finding> blockers = p.blockers();
        assertEquals(List.of(rule), blockers.stream().map(Finding::rule).toList(), () -> "blockers: " + blockers);
        return blockers.get(0);
    }

    @Test
    void theFailoverHostMayDeployAndItsOldRecordIsRemovedBeforeItSynchronizes() throws Exception {
        RestorePlan p = plan(failover, facts(host("Host 1", "host1.lab.example")));
        assertFalse(p.blocked(), () -> "blockers: " + p.blockers());
        Finding id = p.findings().stream().filter(f -> f.rule().equals("identifiers")).findFirst().orElseThrow();
        assertEquals(Finding.Level.OK, id.level());
        assertTrue(id.summary().contains("Host 1 was the failover host"), id.summary());
        assertEquals("Host 1", p.oldRecord());
        assertEquals("Host 1", p.hostName(), "the new host keeps the old name");
        assertEquals(List.of("copy", "deploy", "remove-old-host", "wait-engine", "redeploy:Host 2",
                "redeploy:Host 3", "compare"), p.steps().stream().map(PlanStep::id).toList());
    }

    @Test
    void aHostThatCarriedVmsBlocksNamingTheIdentifiersItShares() throws Exception {
        RestorePlan p = plan(loaded, facts(host("Host 2", "host2.lab.example")));
        Finding f = onlyBlocker(p, "identifiers");
        assertTrue(f.evidence().contains("name Host 2") && f.evidence().contains("FQDN host2.lab.example")
                && f.evidence().contains("IP 192.0.2.12"), f.evidence());
        assertTrue(f.fix().contains("new host"), f.fix());
    }

    @Test
    void aSingleSharedAddressIsEnoughToBlock() throws Exception {
        // Another name and FQDN, but DNS gives it Host 3's address.
        List<TableResolver.Record> records = new ArrayList<>(dns().records());
        records.add(new TableResolver.Record("A", "spare.lab.example", "192.0.2.13"));
        records.add(new TableResolver.Record("PTR", "192.0.2.13", "spare.lab.example"));
        RestoreFacts facts = new RestoreFacts(host("spare.lab.example", "spare.lab.example"), null,
                "engine.lab.example", new TableResolver(records));
        Finding f = plan(loaded, facts).blockers().stream().filter(x -> x.rule().equals("identifiers")).findFirst()
                .orElseThrow();
        assertTrue(f.evidence().contains("IP 192.0.2.13") && !f.evidence().contains("name "), f.evidence());
    }

    @Test
    void aNewHostMatchingNoHostIsClearToGo() throws Exception {
        RestorePlan p = plan(loaded, facts(host("host4.lab.example", "host4.lab.example")));
        assertFalse(p.blocked(), () -> "blockers: " + p.blockers());
        assertEquals("", p.oldRecord());
        assertTrue(p.steps().stream().noneMatch(s -> s.id().equals("remove-old-host")));
        assertEquals(List.of("redeploy:Host 1", "redeploy:Host 2", "redeploy:Host 3"), p.steps().stream()
                .map(PlanStep::id).filter(id -> id.startsWith("redeploy:")).toList());
    }

    @Test
    void theNewManagerMustKeepTheBackupsFqdn() throws Exception {
        RestoreFacts facts = new RestoreFacts(host("Host 1", "host1.lab.example"), null, "engine2.lab.example",
                dns());
        Finding f = onlyBlocker(plan(failover, facts), "engine-fqdn");
        assertTrue(f.evidence().contains("engine2.lab.example"), f.evidence());
    }

    @Test
    void aMissingReverseRecordBlocks() throws Exception {
        RestoreFacts facts = new RestoreFacts(host("host4.lab.example", "host4.lab.example"), null,
                "engine.lab.example", dns("PTR 192.0.2.14"));
        Finding f = onlyBlocker(plan(loaded, facts), "dns-host");
        assertTrue(f.evidence().contains("192.0.2.14 has no reverse (PTR) record"), f.evidence());

        RestoreFacts engine = new RestoreFacts(host("host4.lab.example", "host4.lab.example"), null,
                "engine.lab.example", dns("A engine.lab.example"));
        assertTrue(onlyBlocker(plan(loaded, engine), "dns-engine").evidence().contains("does not resolve"));
    }

    @Test
    void anotherOsOnTheDeployingHostOrInTheApplianceBlocks() throws Exception {
        DeployHost rhel9 = new DeployHost("Host 1", "host1.lab.example", new OsVersion("rhel", "9.4"), APPLIANCE,
                100L << 30, null);
        Finding f = onlyBlocker(plan(failover, facts(rhel9)), "os-host");
        assertTrue(f.evidence().contains("RHEL 9.4") && f.evidence().contains("RHEL 8.10"), f.evidence());

        DeployHost el9Appliance = new DeployHost("Host 1", "host1.lab.example", RHEL_8_10,
                "ovirt-engine-appliance-4.5-20241010.1.el9", 100L << 30, null);
        assertTrue(onlyBlocker(plan(failover, facts(el9Appliance)), "os-manager").evidence().contains("RHEL 9"));
    }

    @Test
    void theApplianceMustBeTheBackupsVersionAndSpaceMustSuffice() throws Exception {
        DeployHost old = new DeployHost("Host 1", "host1.lab.example", RHEL_8_10,
                "ovirt-engine-appliance-4.4-20220101.1.el8", 100L << 30, null);
        assertTrue(onlyBlocker(plan(failover, facts(old)), "version").consequence().contains("engine-backup refuses"));

        DeployHost full = new DeployHost("Host 1", "host1.lab.example", RHEL_8_10, APPLIANCE, 1024, null);
        onlyBlocker(plan(failover, facts(full)), "space");
    }

    @Test
    void aRunningManagerBlocks() throws Exception {
        RestoreFacts facts = new RestoreFacts(host("Host 1", "host1.lab.example"),
                "the API at https://engine.lab.example/ovirt-engine/api answers", "engine.lab.example", dns());
        onlyBlocker(plan(failover, facts), "manager");
    }

    @Test
    void anEngineVmTheHaAgentsStillSeeRunningBlocksThoughNoApiAnswers() throws Exception {
        DeployHost h = host("Host 1", "host1.lab.example");
        RestoreFacts running = new RestoreFacts(h, null, new RestoreFacts.HaAgents("host1.lab.example",
                "host2.lab.example", "vm up, health bad: failed liveliness check"), "engine.lab.example", dns());
        Finding f = onlyBlocker(plan(failover, running), "manager");
        assertEquals("hosted-engine --vm-status on host1.lab.example: the engine VM is up on host2.lab.example (vm up,"
                + " health bad: failed liveliness check)", f.evidence());
        assertTrue(f.fix().contains("engine-vm shutdown"), f.fix());

        RestoreFacts none = new RestoreFacts(h, null, new RestoreFacts.HaAgents("host1.lab.example", null, null),
                "engine.lab.example", dns());
        assertTrue(plan(failover, none).findings().stream().anyMatch(x -> x.rule().equals("manager")
                && x.level() == Finding.Level.OK && x.evidence().endsWith("the engine VM runs on no host")));
    }

    @Test
    void haVmStatusIsReadAsTheAgentsWriteIt() {
        String json = "{\"1\": {\"hostname\": \"host1.lab.example\", \"live-data\": true, \"score\": 3400,"
                + " \"engine-status\": \"{\\\"vm\\\": \\\"down\\\", \\\"health\\\": \\\"bad\\\", \\\"detail\\\":"
                + " \\\"unknown\\\", \\\"reason\\\": \\\"vm not running on this host\\\"}\"},"
                + " \"2\": {\"hostname\": \"host2.lab.example\", \"live-data\": true, \"score\": 3400,"
                + " \"engine-status\": \"{\\\"vm\\\": \\\"up\\\", \\\"health\\\": \\\"good\\\", \\\"detail\\\":"
                + " \\\"Up\\\"}\"},"
                + " \"3\": {\"hostname\": \"host3.lab.example\", \"live-data\": false, \"score\": 0,"
                + " \"engine-status\": \"unknown stale-data\"}, \"global_maintenance\": true}";
        HaVmStatus s = HaVmStatus.parse(json).orElseThrow();
        assertEquals(3, s.agents().size());
        assertTrue(s.globalMaintenance());
        assertEquals("host2.lab.example", s.runningOn().orElseThrow().hostname());
        assertEquals("vm up, health good", s.runningOn().orElseThrow().describe());
        assertEquals("unknown", s.agents().get(2).vm(), "stale data says nothing");
        assertTrue(HaVmStatus.parse("You must run deploy first").isEmpty());
    }

    @Test
    void anUnreachableHostBlocksWithWhy() throws Exception {
        RestoreFacts facts = facts(DeployHost.unreachable("host9.lab.example", "connection refused"));
        RestorePlan p = plan(loaded, facts);
        Finding ssh = p.blockers().get(0);
        assertEquals("ssh", ssh.rule());
        assertEquals("connection refused", ssh.evidence());
    }

    @Test
    void osVersionsAreReadFromEveryFormTheToolsUse() {
        assertEquals(RHEL_8_10, OsVersion.parse("RHEL - 8.10 - 1.el8").orElseThrow());
        assertEquals(RHEL_8_10, OsVersion.parse("rhel-8.10").orElseThrow());
        assertEquals(RHEL_8_10, OsVersion.fromOsRelease("NAME=\"Red Hat Enterprise Linux\"\nID=\"rhel\"\n"
                + "VERSION_ID=\"8.10\"\n").orElseThrow());
        assertTrue(OsVersion.fromRpmRelease(APPLIANCE).orElseThrow().sameReleaseAs(RHEL_8_10));
        assertFalse(new OsVersion("rhel", "8.9").sameReleaseAs(RHEL_8_10));
    }

    @Test
    void aBackupWithoutItsConfigurationOrItsCaKeyBlocksNamingWhatIsMissing() throws Exception {
        RestoreFacts facts = facts(host("host1.lab.example", "host1.lab.example"));
        Finding dbOnly = onlyBlocker(plan(LabBackups.failoverWithout(dir, "files"), facts), "files");
        assertEquals("the backup holds the database only (scope db)", dbOnly.summary());
        Finding noKey = onlyBlocker(plan(LabBackups.failoverWithout(dir, "etc/pki/ovirt-engine/private/ca.pem"),
                facts), "files");
        assertEquals("./files (5 files) lacks the engine CA key (/etc/pki/ovirt-engine/private/ca.pem)",
                noKey.evidence());
        Finding complete = plan(failover, facts).findings().stream().filter(f -> f.rule().equals("files"))
                .findFirst().orElseThrow();
        assertEquals(Finding.Level.OK, complete.level());
    }
}
