package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heshell.command.Result;
import org.heshell.model.Environment;
import org.heshell.model.HostStatus;
import org.heshell.model.VmStatus;
import org.heshell.restore.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `vm start|stop|migrate` and `lab break host|storage` as a user meets them in the shell, and restore plans after. */
class VmAndDisastersOnTheLabTest {
    @TempDir
    Path dir;

    private static VmStatus status(Environment env, String vm) {
        return env.findVm(vm).orElseThrow().status();
    }

    @Test
    void vmStopStartAndMigrateWaitAndSayWhereTheVmIs() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            String[] stop = shell.run(false, "vm stop vm1");
            assertTrue(stop[0].matches("vm1: shut down on Host 1 \\(Down\\) after \\d+\\.\\d s\n"), stop[0] + stop[1]);
            String[] force = shell.run(true, "vm stop vm2 --force");
            assertTrue(force[0].startsWith("{\"vm\":\"vm2\",\"action\":\"powered off\",\"status\":\"down\",\"host\":null,"
                    + "\"from\":\"Host 1\",\"seconds\":"), force[0]);
            String[] start = shell.run(false, "vm start vm1");
            assertTrue(start[0].matches("vm1: started on Host \\d \\(Up\\) after \\d+\\.\\d s\n"), start[0] + start[1]);
            String[] migrate = shell.run(false, "vm migrate vm3 --to \"Host 3\"");
            assertTrue(migrate[0].matches("vm3: migrated from Host 2 to Host 3 \\(Up\\) after \\d+\\.\\d s\n"),
                    migrate[0] + migrate[1]);
            Environment env = shell.ctx.refresh();
            assertEquals("Host 3", env.host(env.findVm("vm3").orElseThrow().hostId()).orElseThrow().name());
            assertEquals(VmStatus.DOWN, status(env, "vm2"));
            // the engine VM is the HA agents' to stop: the Manager refuses, and nothing changes
            String[] engine = shell.run(false, "vm stop HostedEngine");
            assertEquals("", engine[0]);
            assertTrue(engine[1].contains("cannot shut down HostedEngine: the Manager refused: Cannot shutdown VM."
                    + " This VM is not managed by the engine."), engine[1]);
            assertEquals(VmStatus.UP, status(shell.ctx.refresh(), "HostedEngine"));
            String[] down = shell.run(false, "vm migrate vm2");
            assertTrue(down[1].contains("vm2 is Down; only a running VM migrates (`vm start vm2` first)"), down[1]);
            String[] unknown = shell.run(false, "vm start vm9");
            assertTrue(unknown[1].contains("no VM 'vm9'"), unknown[1]);
        }
    }

    @Test
    void aGroovyScriptReachesTheSameCommands() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Path s = dir.resolve("cycle.groovy");
            Files.writeString(s, "def r = vm.stop('vm5', force: true)\nassert r.vm().status().name() == 'DOWN'\n"
                    + "vm.start('vm5')\nreturn vm.migrate('vm6', to: 'Host 1').vm().hostId()\n");
            Result.ScriptDone done = (Result.ScriptDone) shell.commands.execute(List.of("run", s.toString()));
            Environment env = shell.ctx.refresh();
            assertEquals(env.findHost("Host 1").orElseThrow().id(), done.value());
            assertEquals(VmStatus.UP, status(env, "vm5"));
        }
    }

    @Test
    void aHostLostForGoodIsNonResponsiveItsVmsUnknownAndNoDeployHost() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            String listed = shell.run(false, "lab break")[0];
            assertTrue(listed.startsWith("Disasters the lab can bring about (lab break WHAT):\n  engine "), listed);
            assertTrue(listed.contains("\n  host HOST  a host is lost for good"), listed);
            String id = ((Result.BackupRecorded) shell.commands.execute(List.of("backup-she", "--failover",
                    "Host 1"))).entry().id();
            String[] lost = shell.run(false, "lab break host \"Host 3\"");
            assertTrue(lost[0].startsWith("host3.lab.example (Host 3) is lost for good: it answers nothing"),
                    lost[0] + lost[1]);
            Environment env = shell.ctx.refresh();
            assertEquals(HostStatus.NON_RESPONSIVE, env.findHost("Host 3").orElseThrow().status());
            assertEquals(List.of(VmStatus.UNKNOWN, VmStatus.UNKNOWN), List.of(status(env, "vm5"), status(env, "vm6")));
            assertTrue(shell.run(false, "hosts")[0].contains("Non Responsive"), shell.run(false, "hosts")[0]);
            String[] again = shell.run(false, "lab break host host3.lab.example");
            assertTrue(again[1].contains("host3.lab.example (Host 3) is lost already; `lab reset` brings it back"),
                    again[1]);
            String[] bad = shell.run(false, "lab break host");
            assertTrue(bad[1].contains("usage: lab break host HOST"), bad[1]);
            shell.run(false, "lab break engine");
            String[] typo = shell.run(false, "restore plan " + id + " --deploy-on Host2");
            assertTrue(typo[1].contains("--deploy-on Host2: no such host in the backup, and it does not answer over"
                    + " SSH; did you mean --deploy-on 'Host 2'?"), typo[0] + typo[1]);
            assertTrue(typo[0].isEmpty(), "no plan for a machine that does not exist: " + typo[0]);
            Result.RestorePlanned plan = (Result.RestorePlanned) shell.commands.execute(List.of("restore", "plan",
                    id, "--deploy-on", "Host 3"));
            Finding ssh = plan.plan().findings().stream().filter(f -> f.rule().equals("ssh")).findFirst()
                    .orElseThrow();
            assertEquals(Finding.Level.BLOCK, ssh.level());
            assertTrue(ssh.consequence().contains("a host lost for good cannot be the deploying host"),
                    ssh.consequence());
            shell.run(false, "lab reset");
            assertEquals(HostStatus.UP, shell.ctx.refresh().findHost("Host 3").orElseThrow().status());
        }
    }

    @Test
    void withHostedStorageGoneThePlanAsksForNewStorageAndTheRestoreMakesIt() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            String id = ((Result.BackupRecorded) shell.commands.execute(List.of("backup-she", "--failover",
                    "Host 1"))).entry().id();
            String[] gone = shell.run(false, "lab break storage");
            assertTrue(gone[0].startsWith("hosted_storage is gone: the engine VM is down and cannot start on any"
                    + " host"), gone[0] + gone[1]);
            String[] start = shell.run(false, "engine-vm status --via host1.lab.example");
            assertTrue(start[1].contains("Cannot connect to the HA daemon"), start[0] + start[1]);
            Result.RestorePlanned plan = (Result.RestorePlanned) shell.commands.execute(List.of("restore", "plan",
                    id, "--deploy-on", "Host 1"));
            Finding storage = plan.plan().findings().stream().filter(f -> f.rule().equals("storage")).findFirst()
                    .orElseThrow(() -> new AssertionError(plan.plan().findings().toString()));
            assertEquals(Finding.Level.BLOCK, storage.level(), "the deployment would stop at its storage question");
            assertTrue(storage.fix().startsWith("have new, empty storage ready for the new engine VM"), storage.fix());
            assertTrue(storage.fix().contains("--storage SERVER:/EXPORT"), storage.fix());
            assertTrue(storage.evidence().contains("Cannot connect to the HA daemon"), storage.evidence());
            assertTrue(plan.plan().blocked());

            String[] bad = shell.run(false, "restore plan " + id + " --deploy-on 'Host 1' --storage he_new");
            assertTrue(bad[1].contains("--storage he_new: not an NFS export; give it as SERVER:/PATH"), bad[1]);
            Result.RestorePlanned given = (Result.RestorePlanned) shell.commands.execute(List.of("restore", "plan",
                    id, "--deploy-on", "Host 1", "--storage", "192.0.2.5:/exports/he_new"));
            Finding ready = given.plan().findings().stream().filter(f -> f.rule().equals("storage")).findFirst()
                    .orElseThrow();
            assertEquals(Finding.Level.OK, ready.level(), ready.toString());
            assertTrue(ready.summary().endsWith("the new engine VM goes on new storage 192.0.2.5:/exports/he_new"),
                    ready.summary());
            assertEquals("192.0.2.5:/exports/he_new", given.plan().storage());
            assertTrue(given.plan().steps().get(1).title().endsWith(", on new storage 192.0.2.5:/exports/he_new"),
                    given.plan().steps().get(1).title());
        }
    }

    @Test
    void aPlanNamesTheBackupsOtherHostsThatAreLostAndRemovesThemInsteadOfRedeploying() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            String id = ((Result.BackupRecorded) shell.commands.execute(List.of("backup-she", "--failover",
                    "Host 1"))).entry().id();
            shell.run(false, "lab break host \"Host 3\"\nlab break engine");
            String[] text = shell.run(false, "restore plan " + id + " --deploy-on 'Host 1'");
            assertTrue(text[0].contains("Host 3 (host3.lab.example) does not answer over SSH: lost for good?"),
                    text[0] + text[1]);
            Result.RestorePlanned plan = (Result.RestorePlanned) shell.commands.execute(List.of("restore", "plan",
                    id, "--deploy-on", "Host 1"));
            List<Finding> lost = plan.plan().findings().stream().filter(f -> f.rule().equals("lost-host")).toList();
            assertEquals(1, lost.size(), plan.plan().findings().toString());
            assertEquals(Finding.Level.WARN, lost.get(0).level());
            assertTrue(lost.get(0).consequence().startsWith("a lost host cannot be redeployed; the restored Manager"
                    + " still has it, Non Responsive, and the VMs it ran at backup time (vm1, vm2, vm5, vm6)"),
                    lost.get(0).consequence());
            assertTrue(lost.get(0).fix().contains("`host remove --force 'Host 3'`"), lost.get(0).fix());
            List<String> steps = plan.plan().steps().stream().map(org.heshell.restore.PlanStep::id).toList();
            assertTrue(steps.contains("remove-lost:Host 3") && !steps.contains("redeploy:Host 3")
                    && steps.contains("redeploy:Host 2"), steps.toString());
            assertTrue(!plan.plan().blocked(), plan.plan().blockers().toString());
        }
    }
}
