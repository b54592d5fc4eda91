package org.heshell.shell;

import static org.heshell.shell.Learner.doneAfter;
import static org.heshell.shell.Learner.noProgress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.heshell.model.HostStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lessons on the failures real restores hit, each taken by a learner at the real REPL: the lab sets the failure
 * up, a wrong command makes no progress and is answered, and each step is done only once the lab's state says so.
 */
class FailureLessonsTest {
    @TempDir
    Path dir;

    @Test
    void lesson4NoFailoverHostIsRestoredOnANewHost() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Learner learner = new Learner(shell);
            String start = learner.type("tutorial 4");
            assertTrue(start.contains("Step 1 of 3 · refused"), start);
            String b = learner.backup();

            // Planning on another host is not what the step asks: no progress.
            String wrong = learner.type("restore plan " + b + " --deploy-on 'Host 2'", "tutorial hint");
            noProgress(wrong);
            assertTrue(wrong.contains("Hint 1 of 2"), wrong);
            String refused = learner.type("restore plan " + b + " --deploy-on 'Host 1'");
            doneAfter(refused, "[identifiers]", "refused");
            assertTrue(refused.contains("Step 2 of 3 · new-host"), refused);

            // Another host the backup names is refused too, and the tutor says why.
            String again = learner.type("restore plan " + b + " --deploy-on 'Host 3'");
            noProgress(again);
            assertTrue(again.contains("! Hosts 2 and 3 carried VMs at backup time as well"), again);
            String clear = learner.type("restore plan " + b + " --deploy-on host4.lab.example");
            doneAfter(clear, "is a new host: it matches no host of the backup", "new-host");

            String restored = learner.type("restore run " + learner.journal(clear));
            doneAfter(restored, "finished", "restore");
            finished(restored, "loaded-host");
            var env = shell.ctx.refresh();
            assertEquals("host4.lab.example", env.engineHost().orElseThrow().name());
            assertTrue(env.hosts().stream().allMatch(h -> h.status() == HostStatus.UP), env.hosts().toString());
        }
    }

    @Test
    void lesson5TheOldRecordLeftInPlaceFailsTheDeploymentAndTheLearnerRecovers() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Learner learner = new Learner(shell);
            learner.type("tutorial 5");
            String b = learner.backup();
            String planned = learner.type("restore plan " + b + " --deploy-on 'Host 1'");
            doneAfter(planned, "Remove old 'Host 1' from the restored Manager", "plan");
            String journal = learner.journal(planned);

            String failed = learner.type("restore run " + journal + " --skip remove-old-host");
            doneAfter(failed, "is still in the restored Manager", "leave-it");
            assertTrue(failed.indexOf("Cannot add Host.") < failed.indexOf("✓ leave-it done"), failed);

            // A wrong answer is no progress; the right one is judged against the restore's own plan.
            String wrong = learner.type("tutorial answer Host 2", "tutorial hint");
            assertTrue(wrong.contains("Not quite: look again"), wrong);
            assertTrue(wrong.contains("Hint 1 of 2"), wrong);
            noProgress(wrong);
            doneAfter(learner.type("tutorial answer Host 1"), "tutorial answer Host 1", "read");

            String again = learner.type("restore run " + journal + " --skip remove-old-host");
            noProgress(again);
            assertTrue(again.contains("! Skipping remove-old-host again fails the same way"), again);
            String recovered = learner.type("restore run " + journal);
            doneAfter(recovered, "removed old 'Host 1' (host1.lab.example) before the new host synchronized",
                    "recover");
            finished(recovered, "old-record");
            assertEquals("Host 1", shell.ctx.refresh().engineHost().orElseThrow().name());
        }
    }

    @Test
    void lesson6AMissingReverseRecordIsFoundByThePlanAndPutBack() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Learner learner = new Learner(shell);
            learner.type("tutorial 6");
            String b = learner.backup();
            doneAfter(learner.type("restore plan " + b + " --deploy-on 'Host 1'"),
                    "192.0.2.11 has no reverse (PTR) record", "refused");

            // A PTR to another name is worse than none: noticed, and no progress.
            String wrong = learner.type("lab dns add PTR 192.0.2.11 host1", "tutorial hint");
            noProgress(wrong);
            assertTrue(wrong.contains("! That PTR record points 192.0.2.11 to another name"), wrong);
            assertTrue(wrong.contains("Hint 1 of 2"), wrong);
            String fixed = learner.type("lab dns remove PTR 192.0.2.11", "lab dns add PTR 192.0.2.11 host1.lab.example");
            doneAfter(fixed, "PTR  192.0.2.11             host1.lab.example", "add-ptr");

            String restored = learner.type("restore-she " + b + " --deploy-on 'Host 1'");
            doneAfter(restored, "finished", "restore");
            finished(restored, "missing-ptr");
        }
    }

    @Test
    void lesson7AHostOnAnotherReleaseIsReinstalledBeforeTheRestore() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Learner learner = new Learner(shell);
            learner.type("tutorial 7");
            String b = learner.backup();
            doneAfter(learner.type("restore plan " + b + " --deploy-on 'Host 1'"),
                    "host1.lab.example runs RHEL 9.4; old Host 1 ran RHEL 8.10", "refused");

            String wrong = learner.type("lab os appliance 4.5-20241010.1.el9");
            noProgress(wrong);
            assertTrue(wrong.contains("! That appliance is built on RHEL 9"), wrong);
            noProgress(learner.type("lab os host1.lab.example 8.10"));
            String fixed = learner.type("lab os appliance 4.5-20241010.1.el8");
            doneAfter(fixed, "ovirt-engine-appliance-4.5-20241010.1.el8", "reinstall");

            String restored = learner.type("restore-she " + b + " --deploy-on 'Host 1'");
            doneAfter(restored, "finished", "restore");
            finished(restored, "os-differs");
        }
    }

    @Test
    void lesson8ABackupNewerThanTheApplianceIsFoundBeforeAnythingIsDeployed() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Learner learner = new Learner(shell);
            learner.type("tutorial 8");
            String b = learner.backup();
            // Looking is not planning: no progress yet.
            String looked = learner.type("lab machines", "tutorial hint");
            noProgress(looked);
            assertTrue(looked.contains("appliance on the hosts: ovirt-engine-appliance-4.4-20220308.1.el8"), looked);
            assertTrue(looked.contains("Hint 1 of 2"), looked);
            String refused = learner.type("restore plan " + b + " --deploy-on 'Host 1'");
            doneAfter(refused, "backup: oVirt 4.5.6; appliance ovirt-engine-appliance-4.4-20220308.1.el8", "refused");
            assertTrue(shell.lab.lab().world().events().stream().noneMatch(e -> e.description().contains("added")),
                    "nothing was deployed");

            String wrong = learner.type("lab os appliance 4.5-20241010.1.el9", "tutorial hint", "tutorial hint",
                    "tutorial hint");
            noProgress(wrong);
            assertTrue(wrong.contains("! That appliance is 4.5, but built on RHEL 9"), wrong);
            assertTrue(wrong.contains("Hint 2 of 2: lab os appliance 4.5-20241010.1.el8"), wrong);
            assertTrue(wrong.contains("no more hints for this step; `tutorial show` gives the solution"), wrong);
            doneAfter(learner.type("lab os appliance 4.5-20241010.1.el8"), "ovirt-engine-appliance-4.5", "appliance");

            String restored = learner.type("restore-she " + b + " --deploy-on 'Host 1'");
            doneAfter(restored, "finished", "restore");
            finished(restored, "newer-backup");
        }
    }

    @Test
    void lesson9AReAddedHostLackingARequiredNetworkIsGivenItAndTheRestoreGoesOn() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Learner learner = new Learner(shell);
            String start = learner.type("tutorial 9");
            assertTrue(start.contains("Step 1 of 4 · restore"), start);
            String b = learner.backup();
            // The plan cannot see it: planning is no progress, and the plan is clear.
            String planned = learner.type("restore plan " + b + " --deploy-on 'Host 1'");
            noProgress(planned);
            assertTrue(planned.contains("Redeploy Host 3"), planned);

            String stopped = learner.type("restore run " + learner.journal(planned));
            doneAfter(stopped, "Host 3 was added again but is Non Operational: Host Host 3 does not comply with the"
                    + " cluster Default networks, the following networks are missing on host: 'storage'", "restore");
            String journal = learner.journal(planned);

            // A wrong answer is no progress; reading the Manager's audit log is how to know.
            String wrong = learner.type("tutorial answer ovirtmgmt", "tutorial hint");
            assertTrue(wrong.contains("Not quite: look again"), wrong);
            assertTrue(wrong.contains("Hint 1 of 2"), wrong);
            noProgress(wrong);
            String events = learner.type("events --host 'Host 3'");
            noProgress(events);
            assertTrue(events.matches("(?s).*warning +519 +Host 3 +Host Host 3 does not comply.*"), events);
            doneAfter(learner.type("tutorial answer storage"), "tutorial answer storage", "read");

            // A NIC the host does not have, a network its cluster does not have: no progress, nothing changed, the
            // names that exist offered.
            String wrongNic = learner.type("host attach-network 'Host 3' storage eth7");
            noProgress(wrongNic);
            assertTrue(wrongNic.contains("no network interface 'eth7' in Host 3; closest: eth0, eth1 (nothing"
                    + " changed; TAB offers them)"), wrongNic);
            String wrongNetwork = learner.type("host attach-network 'Host 3' storag eth1");
            noProgress(wrongNetwork);
            assertTrue(wrongNetwork.contains("no network 'storag' in cluster Default; closest: storage"),
                    wrongNetwork);
            assertEquals(List.of(), shell.ctx.connector().labSite(null).machines().stream()
                    .filter(m -> m.fqdn().equals("host3.lab.example")).findFirst().orElseThrow().networks());
            String attached = learner.type("host attach-network 'Host 3' storage eth1", "host activate 'Host 3'");
            doneAfter(attached, "Host 3: storage attached to eth1", "attach");

            String finished = learner.type("restore run " + journal);
            doneAfter(finished, "Host 3 is Up with hosted engine already", "finish");
            finished(finished, "missing-network");
            assertTrue(shell.ctx.refresh().hosts().stream().allMatch(h -> h.status() == HostStatus.UP
                    && h.hostedEngine().score() > 0), shell.ctx.refresh().hosts().toString());
        }
    }

    @Test
    void lesson10AManagerThatStillRunsIsShutDownBeforeTheRestore() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Learner learner = new Learner(shell);
            String start = learner.type("tutorial manager-running");
            assertTrue(start.contains("Step 1 of 3 · refused"), start);
            String b = learner.backup();
            String lost = learner.type("hosts");
            assertTrue(lost.contains("heshell: "), "the Manager does not answer: " + lost);
            noProgress(lost);
            String refused = learner.type("restore plan " + b + " --deploy-on 'Host 1'");
            doneAfter(refused, "the engine VM is up on host2.lab.example (vm up, health bad: failed liveliness check)",
                    "refused");

            // Looking is no progress; shutting it down is, and the lab's engine VM is then down.
            String looked = learner.type("engine-vm status");
            noProgress(looked);
            assertTrue(looked.contains("host2.lab.example   3400  vm up, health bad: failed liveliness check"), looked);
            String down = learner.type("engine-vm shutdown");
            doneAfter(down, "the engine VM is shut down (it ran on host2.lab.example)", "shut-down");
            assertTrue(down.contains("global maintenance: on"), down);

            String clear = learner.type("restore plan " + b + " --deploy-on 'Host 1'");
            assertTrue(clear.contains("hosted-engine --vm-status on host1.lab.example: the engine VM runs on no host"),
                    clear);
            noProgress(clear);
            String restored = learner.type("restore-she " + b + " --deploy-on 'Host 1'");
            doneAfter(restored, "finished", "restore");
            finished(restored, "manager-running");
            assertTrue(shell.ctx.refresh().hosts().stream().noneMatch(h -> h.hostedEngine().globalMaintenance()),
                    "the new engine VM's HA metadata starts out of global maintenance");
        }
    }

    /** The end of a lesson: how long it took and what was learned, in three lines. */
    private static void finished(String screen, String lesson) {
        assertTrue(screen.matches("(?s).*Lesson " + lesson + " done in \\d+ (s|min \\d+ s)\\. What you learned:"
                + "\n  - .*\n  - .*\n  - .*"), screen);
    }
}
