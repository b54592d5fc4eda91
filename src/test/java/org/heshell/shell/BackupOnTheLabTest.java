package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.heshell.command.CommandException;
import org.heshell.command.Result;
import org.heshell.engine.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `backup create | list | verify | inspect ID` against the lab, over its API and its engine VM's SSH. */
class BackupOnTheLabTest {
    @TempDir
    Path dir;

    @Test
    void createTakesFetchesVerifiesAndRecordsABackup() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().awaitMachines();
            Files.writeString(dir.resolve("known_hosts"), "");
            List<String> steps = new ArrayList<>();
            shell.ctx.setProgress(new Progress() {
                public void status(String line) {
                }

                public void step(String line) {
                    steps.add(line);
                }
            });
            Result.BackupRecorded r = (Result.BackupRecorded) shell.commands.execute(List.of("backup", "create"));
            assertTrue(r.entry().verified());
            assertNull(r.entry().failoverHost(), "no host was prepared");
            assertTrue(steps.contains("failover host: none (no hosted-engine host in Maintenance without VMs); a"
                    + " restore will then need a new host, see prepare-failover"), steps.toString());
            assertTrue(steps.contains("engine-backup: Done."), steps.toString());
            assertTrue(steps.stream().anyMatch(s -> s.startsWith("verified: ")), steps.toString());
            Path file = r.entry().file();
            assertEquals(dir.resolve("backups"), file.getParent());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

            Result.BackupList list = (Result.BackupList) shell.commands.execute(List.of("backup", "list"));
            assertEquals(List.of(r.entry().id()), list.entries().stream().map(e -> e.id()).toList());
            Result.BackupVerified v = (Result.BackupVerified) shell.commands.execute(List.of("backup", "verify",
                    r.entry().id()));
            assertTrue(v.recordedHashChecked());
            Result.BackupInspected i = (Result.BackupInspected) shell.commands.execute(List.of("backup", "inspect",
                    r.entry().id()));
            assertEquals("Host 2", i.contents().environment().engineHost().orElseThrow().name());

            // A file changed after the fetch is caught by the recorded sha256, and marked unverified.
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length - 1] ^= 1;
            Files.write(file, bytes);
            CommandException changed = assertThrows(CommandException.class,
                    () -> shell.commands.execute(List.of("backup", "verify", r.entry().id())));
            assertTrue(changed.getMessage().contains("changed since it was fetched"), changed.getMessage());
            assertFalse(((Result.BackupList) shell.commands.execute(List.of("backup", "list"))).entries().get(0)
                    .verified());
        }
    }

    @Test
    void backupSheTakesTheDocumentsBackupWithAFailoverHostAndPutsItBack() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Result.Text plan = (Result.Text) shell.commands.execute(List.of("backup-she", "--dry-run"));
            assertTrue(plan.text().contains("1. put Host 1 into maintenance: its 2 VMs migrate away"), plan.text());
            Result.BackupRecorded r = (Result.BackupRecorded) shell.commands.execute(List.of("backup-she",
                    "--failover", "Host 1"));
            assertEquals("Host 1", r.entry().failoverHost());
            assertTrue(r.entry().verified());
            var env = shell.ctx.refresh();
            assertEquals(org.heshell.model.HostStatus.UP, env.findHost("Host 1").orElseThrow().status());
            // the backup shows Host 1 in Maintenance with no VM: the failover host
            var backup = org.heshell.backup.BackupArchive.inspect(r.entry().file());
            assertEquals(List.of("Host 1"), backup.failoverHosts().stream().map(h -> h.name()).toList());
            assertEquals(4, backup.environment().vmsOn(backup.environment().findHost("Host 3").orElseThrow().id())
                    .size());
        }
    }

    @Test
    void backupSheRefusesTheEngineVmsHostAndPutsAHostBackWhenTheBackupFails() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            CommandException e = assertThrows(CommandException.class,
                    () -> shell.commands.execute(List.of("backup-she", "--failover", "Host 2")));
            assertTrue(e.getMessage().startsWith("Host 2 runs the engine VM"), e.getMessage());
            CommandException bad = assertThrows(CommandException.class, () -> shell.commands.execute(List.of(
                    "backup-she", "--failover", "Host 3", "--to", dir.resolve("no-such-dir").toString())));
            assertTrue(bad.getMessage().contains("is not a directory"), bad.getMessage());
            assertEquals(org.heshell.model.HostStatus.UP, shell.ctx.refresh().findHost("Host 3").orElseThrow()
                    .status(), "the host was activated again after the failure");
        }
    }

    @Test
    void aFullEngineDiskStopsTheBackupBeforeAnythingAndTheFaultClears() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Result.Text set = (Result.Text) shell.commands.execute(List.of("lab", "fault", "disk-full"));
            assertEquals("lab faults: the engine VM's disk is full", set.text());
            CommandException full = assertThrows(CommandException.class,
                    () -> shell.commands.execute(List.of("backup", "create")));
            assertTrue(full.getMessage().startsWith("only 0 MiB free in /var/lib/ovirt-engine-backup on"
                    + " engine.lab.example"), full.getMessage());
            assertEquals(List.of(), ((Result.BackupList) shell.commands.execute(List.of("backup", "list")))
                    .entries());
            assertEquals("lab faults: none", ((Result.Text) shell.commands.execute(List.of("lab", "fault",
                    "clear"))).text());
            assertTrue(shell.commands.execute(List.of("backup", "create")) instanceof Result.BackupRecorded);
            CommandException bad = assertThrows(CommandException.class,
                    () -> shell.commands.execute(List.of("lab", "fault", "slow", "fast")));
            assertTrue(bad.getMessage().contains("needs a positive number"), bad.getMessage());
        }
    }

    @Test
    void aFullEngineDiskStopsBackupSheBeforeAnyVmMoves() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.commands.execute(List.of("lab", "fault", "disk-full"));
            CommandException full = assertThrows(CommandException.class,
                    () -> shell.commands.execute(List.of("backup-she", "--failover", "Host 1")));
            assertTrue(full.getMessage().startsWith("only 0 MiB free in /var/lib/ovirt-engine-backup"),
                    full.getMessage());
            var env = shell.ctx.refresh();
            var h1 = env.findHost("Host 1").orElseThrow();
            assertEquals(org.heshell.model.HostStatus.UP, h1.status());
            assertEquals(List.of("vm1", "vm2"), env.vmsOn(h1.id()).stream().map(v -> v.name()).toList(),
                    "nothing was migrated");
        }
    }

    @Test
    void aDestinationThatTakesNoFileIsRefusedBeforeEngineBackupRuns() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            List<String> steps = new ArrayList<>();
            shell.ctx.setProgress(collect(steps));
            CommandException e = assertThrows(CommandException.class,
                    () -> shell.commands.execute(List.of("backup", "create", "--to", "/proc")));
            assertTrue(e.getMessage().startsWith("--to /proc cannot take a file ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("); give a directory you can write to"), e.getMessage());
            assertEquals(2, e.exitCode());
            assertEquals(List.of(), steps, "nothing was asked of the engine");

            Result.Text dry = (Result.Text) shell.commands.execute(List.of("backup", "create", "--dry-run"));
            assertTrue(dry.text().startsWith("backup create would: run engine-backup --mode=backup --scope=all on"
                    + " engine.lab.example ("), dry.text());
            assertTrue(dry.text().endsWith("every check passed, nothing was changed"), dry.text());
            assertTrue(steps.stream().noneMatch(l -> l.startsWith("engine-backup:")), steps.toString());
            assertEquals(List.of(), ((Result.BackupList) shell.commands.execute(List.of("backup", "list")))
                    .entries());
        }
    }

    @Test
    void ctrlCDuringBackupShesMaintenanceActivatesTheHostAgainAndSaysSo() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().world().setSpeed(1); // the evacuation takes seconds: there is time to stop it
            List<String> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
            shell.ctx.setProgress(collect(steps));
            java.util.concurrent.CompletableFuture<CommandException> stopped = new java.util.concurrent
                    .CompletableFuture<>();
            Thread run = new Thread(() -> {
                try {
                    shell.commands.execute(List.of("backup-she", "--failover", "Host 1"));
                    stopped.complete(null);
                } catch (CommandException e) {
                    stopped.complete(e);
                }
            });
            run.start();
            while (shell.lab.lab().world().snapshot().hosts().stream().noneMatch(h -> h.name().equals("Host 1")
                    && h.status().equals("preparing_for_maintenance"))) {
                Thread.sleep(10);
            }
            run.interrupt(); // what Ctrl-C does to the running command
            CommandException e = stopped.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(e != null && e.getMessage().startsWith("stopped waiting: Host 1 is Preparing for Maintenance"),
                    String.valueOf(e));
            assertTrue(e.getMessage().endsWith("; put back: `host activate 'Host 1'` (Host 1 is Up)"), e.getMessage());
            assertEquals(130, e.exitCode());
            assertTrue(steps.contains("putting back what this command changed (Host 1 is going into maintenance):"
                    + " host activate 'Host 1'"), steps.toString());
            assertEquals(org.heshell.model.HostStatus.UP, shell.ctx.refresh().findHost("Host 1").orElseThrow()
                    .status());
        }
    }

    @Test
    void ctrlCDuringAFetchSaysSoAndGivesTheCommandThatResumesIt() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().awaitMachines();
            Path machine = dir.resolve("lab/machines/engine.lab.example/var/lib/ovirt-engine-backup");
            byte[] big = new byte[1 << 20];
            new java.util.Random(7).nextBytes(big);
            Files.write(machine.resolve("big.tar.gz"), big);
            shell.commands.execute(List.of("lab", "fault", "slow", "64")); // 16 s for the whole file
            java.util.concurrent.CompletableFuture<CommandException> stopped = new java.util.concurrent
                    .CompletableFuture<>();
            Thread run = new Thread(() -> {
                try {
                    shell.commands.execute(List.of("backup", "fetch", "/var/lib/ovirt-engine-backup/big.tar.gz"));
                    stopped.complete(null);
                } catch (CommandException e) {
                    stopped.complete(e);
                }
            });
            run.start();
            Path part = dir.resolve("backups").resolve("big.tar.gz.part");
            while (!Files.isRegularFile(part) || Files.size(part) == 0) {
                Thread.sleep(10);
            }
            run.interrupt(); // what Ctrl-C does to the running command
            CommandException e = stopped.get(60, java.util.concurrent.TimeUnit.SECONDS);
            shell.commands.execute(List.of("lab", "fault", "clear"));
            assertTrue(e != null && e.getMessage().startsWith("interrupted: stopped fetching engine.lab.example:"
                    + "/var/lib/ovirt-engine-backup/big.tar.gz at "), String.valueOf(e));
            assertTrue(e.getMessage().endsWith(" of 1048576 bytes; the partial download big.tar.gz.part is kept;"
                    + " `backup fetch /var/lib/ovirt-engine-backup/big.tar.gz` resumes it"), e.getMessage());
            assertEquals(130, e.exitCode());
            assertTrue(Files.size(part) > 0, "the partial download is kept");
        }
    }

    @Test
    void aResumedFetchRecordsTheArchivesIdDateAndFailoverHost() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.commands.execute(List.of("lab", "fault", "drop-connection", "after", "2000"));
            CommandException broken = assertThrows(CommandException.class,
                    () -> shell.commands.execute(List.of("backup-she", "--failover", "Host 1")));
            shell.commands.execute(List.of("lab", "fault", "clear"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("`(backup fetch [^`]*)` resumes it \\(as"
                    + " backup ([^)]*)\\)").matcher(broken.getMessage());
            assertTrue(m.find(), broken.getMessage());
            String id = m.group(2);
            // a while later, as a user would
            Result.BackupRecorded r = (Result.BackupRecorded) shell.commands.execute(
                    org.heshell.command.CommandLines.split(m.group(1)).get(0));
            assertEquals(id, r.entry().id());
            assertEquals("heshell-" + id + ".tar.gz", r.entry().file().getFileName().toString());
            assertEquals(org.heshell.backup.Catalog.timeOf(id).orElseThrow(), r.entry().createdAt());
            assertEquals("Host 1", r.entry().failoverHost(), "the archive says Host 1 was the failover host");
            assertTrue(r.entry().verified());
        }
    }

    private static Progress collect(List<String> steps) {
        return new Progress() {
            public void status(String line) {
            }

            public void step(String line) {
                steps.add(line);
            }
        };
    }

    @Test
    void groovyScriptsTakeListAndVerifyBackupsWithTheSameCommands() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            Path script = Files.writeString(dir.resolve("nightly.groovy"), """
                    def b = backup.create(scope: 'db')
                    def v = backup.verify(b)
                    def ids = backup.list().entries()*.id()
                    return "${ids == [b.entry().id()]} ${v.recordedHashChecked()} ${b.entry().scope()}"
                    """);
            Result.ScriptDone done = (Result.ScriptDone) shell.commands.execute(List.of("run", script.toString()));
            assertEquals("true true db", done.value().toString());
        }
    }

    @Test
    void aMissingRemoteFileIsOneLineAndNothingIsRecorded() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            CommandException e = assertThrows(CommandException.class, () -> shell.commands.execute(List.of(
                    "backup", "fetch", "/var/lib/ovirt-engine-backup/none.tar.gz")));
            assertTrue(e.getMessage().startsWith("cannot fetch engine.lab.example:/var/lib/ovirt-engine-backup/"
                    + "none.tar.gz: no such file"), e.getMessage());
            assertEquals(List.of(), ((Result.BackupList) shell.commands.execute(List.of("backup", "list")))
                    .entries());
        }
    }

    @Test
    void twoCreatesAndTwoFetchesAtOnceEachKeepAWholeVerifiedBackupAndItsRecord() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().awaitMachines();
            Files.writeString(dir.resolve("known_hosts"), "");
            List<Result.BackupRecorded> created = atOnce(() -> (Result.BackupRecorded) shell.commands.execute(
                    List.of("backup", "create")));
            String remote = created.get(0).entry().source().replaceFirst("^[^:]*:", "");
            List<Result.BackupRecorded> fetched = atOnce(() -> (Result.BackupRecorded) shell.commands.execute(
                    List.of("backup", "fetch", remote)));
            List<org.heshell.backup.CatalogEntry> all = new ArrayList<>();
            created.forEach(r -> all.add(r.entry()));
            fetched.forEach(r -> all.add(r.entry()));
            assertEquals(4, all.stream().map(e -> e.id()).distinct().count(), all.toString());
            // The fetches take the first create's archive again, to the same file: one at a time, whole each time.
            assertEquals(2, all.stream().map(e -> e.file()).distinct().count(), all.toString());
            Result.BackupList list = (Result.BackupList) shell.commands.execute(List.of("backup", "list"));
            assertEquals(java.util.Set.copyOf(all.stream().map(e -> e.id()).toList()),
                    java.util.Set.copyOf(list.entries().stream().map(e -> e.id()).toList()));
            assertEquals(List.of(), list.listing().damaged());
            for (var e : all) {
                Result.BackupVerified v = (Result.BackupVerified) shell.commands.execute(List.of("backup", "verify",
                        e.id()));
                assertTrue(v.recordedHashChecked(), e.id());
            }
        }
    }

    /** Two runs of {@code task} released at the same moment. */
    private static <T> List<T> atOnce(java.util.concurrent.Callable<T> task) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CyclicBarrier go = new java.util.concurrent.CyclicBarrier(2);
            List<java.util.concurrent.Future<T>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            List<T> out = new ArrayList<>();
            for (var r : runs) {
                out.add(r.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
