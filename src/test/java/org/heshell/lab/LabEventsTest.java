package org.heshell.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ovirt.engine.sdk4.Connection;
import org.ovirt.engine.sdk4.types.Event;

/** The lab engine's audit log, read as the official SDK and the Ansible collection read the real one's. */
class LabEventsTest {
    @TempDir
    Path dir;

    private static void await(LabWorld w, String hostName, String status) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (w.snapshot().hosts().stream().anyMatch(h -> h.name().equals(hostName) && h.status().equals(status))) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError(hostName + " never became " + status + ": " + w.snapshot().hosts());
    }

    private static String id(LabWorld w, String hostName) {
        return w.snapshot().hosts().stream().filter(h -> h.name().equals(hostName)).findFirst().orElseThrow().id();
    }

    @Test
    void maintenanceActivationAndMigrationsAreRecordedWithTheEnginesCodesAndReadBackNewestFirst() throws Exception {
        try (LabFixture lab = LabFixture.start(dir.resolve("lab"))) {
            LabWorld w = lab.lab().world();
            w.deactivate(id(w, "Host 1"));
            await(w, "Host 1", "maintenance");

            try (Connection sdk = lab.sdk(dir)) {
                var events = sdk.systemService().eventsService();
                List<Event> all = events.list().send().events();
                List<Integer> codes = all.stream().map(e -> e.code().intValue()).toList();
                // newest first: the host reached maintenance after its two VMs had moved, asked by the user
                // without a reason (USER_VDS_MAINTENANCE_WITHOUT_REASON)
                assertEquals(List.of(15, 63, 67, 63, 67, 620), codes, all.stream().map(Event::description).toList()
                        .toString());
                Event asked = all.get(5);
                assertEquals("Host Host 1 was switched to Maintenance mode by admin@internal-authz.",
                        asked.description());
                assertEquals("admin@internal-authz", asked.user().name(), "the user whose command it was");
                assertTrue(asked.user().id().matches("[0-9a-f-]{36}"), asked.user().id());
                assertEquals("Host 1", asked.host().name());
                assertEquals("Default", asked.cluster().name());
                assertEquals(Long.parseLong(asked.id()), asked.index().longValue(), "index is the id, as EventMapper");
                assertTrue(all.get(0).user() == null, "the engine's own step has no user");
                assertTrue(all.get(2).vm().name().startsWith("vm"), all.get(2).vm().name());
                assertTrue(all.get(0).description().equals("Host Host 1 was switched to Maintenance Mode."));
                assertEquals(id(w, "Host 1"), all.get(0).host().id());
                assertTrue(all.get(2).description().startsWith("Migration initiated by system (VM: vm"),
                        all.get(2).description());
                assertTrue(Long.parseLong(all.get(0).id()) > Long.parseLong(all.get(1).id()), "ids grow");

                // what ovirt_host does: remember the newest id, act, then read what came after it
                String last = events.list().max(1).send().events().get(0).id();
                w.activate(id(w, "Host 1"));
                await(w, "Host 1", "up");
                List<Event> after = events.list().from(Integer.parseInt(last)).send().events();
                assertEquals(List.of(16), after.stream().map(e -> e.code().intValue()).toList());
                assertEquals(List.of(620), events.list().search("type=620").send().events().stream()
                        .map(e -> e.code().intValue()).toList());
                assertEquals(2, events.list().search("type=67 and vm=vm*").send().events().size());
                // as ovirt_host searches: `or` joins, `and` binds tighter, as the engine's SyntaxChecker orders them
                assertEquals(List.of(16, 15), events.list().search("type=16 or type=15").send().events().stream()
                        .map(e -> e.code().intValue()).toList());
                assertEquals(List.of(16, 15), events.list().search("type=16 or type=15 and event_host=\"Host 1\"")
                        .send().events().stream().map(e -> e.code().intValue()).toList());
                assertEquals(List.of(), events.list().search("type=16 and event_host=\"Host 2\" or type=602")
                        .send().events());
                assertEquals(List.of(), events.list().search("severity>=warning").send().events());
                assertEquals(7, events.list().search("severity<warning").send().events().size());
                assertEquals(List.of(620), events.list().search("usrname=admin* and type>=600").send().events()
                        .stream().map(e -> e.code().intValue()).toList(), "16 is the user's too, but below 600");
            }

            // raw HTTP, as any client sees it
            String auth = lab.basicAuth();
            HttpResponse<String> one = lab.https().send(HttpRequest.newBuilder(
                    URI.create(lab.endpoint().apiUrl() + "/events?max=1&search=" + URLEncoder.encode("severity=normal",
                            StandardCharsets.UTF_8))).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, one.statusCode());
            assertTrue(one.body().contains("<code>16</code>") && one.body().contains("<severity>normal</severity>")
                    && one.body().contains("<origin>oVirt</origin>"), one.body());
            assertEquals(1, one.body().split("<event ", -1).length - 1, one.body());
        }
        // the audit log is kept in the lab dir: a restarted lab has it all
        try (LabFixture again = LabFixture.start(dir.resolve("lab"))) {
            assertEquals(16, again.lab().world().events().get(0).code());
            assertEquals(7, again.lab().world().events().size());
        }
    }

    @Test
    void aMaintenanceThatStalledForWantOfRoomIsRetriedWhenRoomAppears() throws Exception {
        try (LabFixture lab = LabFixture.start(dir.resolve("lab"))) {
            LabWorld w = lab.lab().world();
            w.deactivate(id(w, "Host 1"));
            await(w, "Host 1", "maintenance");
            w.deactivate(id(w, "Host 3")); // four VMs; Host 2 has room for two
            for (int i = 0; i < 400 && w.events().stream().noneMatch(e -> e.code() == 602); i++) {
                Thread.sleep(25);
            }
            LabEvent stalled = w.events().stream().filter(e -> e.code() == 602).findFirst().orElseThrow();
            assertEquals("warning", stalled.severity());
            assertTrue(stalled.description().startsWith("Host Host 3 cannot change into maintenance mode"),
                    stalled.description());
            assertEquals("preparing_for_maintenance", w.host(id(w, "Host 3")).status());
            w.activate(id(w, "Host 1")); // room appears
            await(w, "Host 3", "maintenance");
            assertTrue(w.snapshot().vms().stream().noneMatch(v -> v.hostId().equals(id(w, "Host 3"))));
        }
    }

    @Test
    void aMaintenanceWithAReasonIsRecordedWithIt() throws Exception {
        try (LabFixture lab = LabFixture.start(dir.resolve("lab"))) {
            LabWorld w = lab.lab().world();
            try (Connection sdk = lab.sdk(dir)) {
                sdk.systemService().hostsService().hostService(id(w, "Host 1")).deactivate().reason("kernel update")
                        .send();
            }
            LabEvent asked = w.events().get(w.events().size() - 1);
            assertEquals(600, asked.code());
            assertEquals("Host Host 1 was switched to Maintenance mode by admin@internal-authz (Reason: kernel"
                    + " update).", asked.description());
        }
    }

    @Test
    void engineBackupNotifiesTheEngineOncePerScopeAsTheToolDoes() throws Exception {
        try (LabFixture lab = LabFixture.start(dir.resolve("lab"))) {
            LabWorld w = lab.lab().world();
            LabShell engine = new LabShell("engine.lab.example", dir.resolve("root"), true,
                    new LabDir(dir.resolve("lab")), w);
            var out = new java.io.ByteArrayOutputStream();
            assertEquals(0, engine.run("engine-backup --mode=backup --scope=all"
                    + " --file=/var/lib/ovirt-engine-backup/b.tgz", out, out), out.toString());
            List<LabEvent> log = w.events();
            assertEquals(List.of(9025, 9025, 9024, 9024), log.stream().map(LabEvent::code).toList());
            assertTrue(log.get(0).description().matches("engine-backup: Backup Finished, scope=db,"
                    + " log=/var/log/ovirt-engine-backup/ovirt-engine-backup-\\d{14}\\.log"), log.get(0).description());
            assertTrue(log.get(1).description().startsWith("engine-backup: Backup Finished, scope=files, log="));
            assertTrue(log.get(3).description().startsWith("engine-backup: Backup Started, scope=files, log="));
            assertTrue(out.toString().contains("log file: " + log.get(0).description().replaceFirst(".*log=", "")),
                    "the log file it names is the one it prints: " + out);

            w.setFaults(new LabFaults(0, 0, true));
            assertEquals(1, engine.run("engine-backup --mode=backup --scope=db --log=/root/b.log"
                    + " --file=/var/lib/ovirt-engine-backup/c.tgz", out, out));
            LabEvent failed = w.events().get(0);
            assertEquals(9026, failed.code());
            assertEquals("error", failed.severity());
            assertEquals("engine-backup: Failed, scope=db, log=/root/b.log", failed.description());
        }
    }

    @Test
    void theEngineAlertsWhenThereIsNoFullBackupOrTheLastIsTooOld() throws Exception {
        try (LabFixture lab = LabFixture.start(dir.resolve("lab"))) {
            LabWorld w = lab.lab().world();
            java.time.Instant now = java.time.Instant.now();
            w.checkBackups(now);
            LabEvent none = w.events().get(0);
            assertEquals(9022, none.code());
            assertEquals("alert", none.severity());
            assertEquals("There is no full backup available, please run engine-backup to prevent data loss in case of"
                    + " corruption.", none.description());

            LabShell engine = new LabShell("engine.lab.example", dir.resolve("root"), true,
                    new LabDir(dir.resolve("lab")), w);
            var out = new java.io.ByteArrayOutputStream();
            assertEquals(0, engine.run("engine-backup --mode=backup --scope=db --file=/var/lib/x/db.tgz", out, out));
            w.checkBackups(java.time.Instant.now());
            assertEquals(9022, w.events().get(0).code(), "a db backup alone is not a full backup");
            int before = w.events().size();
            assertEquals(0, engine.run("engine-backup --mode=backup --scope=files --file=/var/lib/x/f.tgz", out, out));
            int after = w.events().size();
            assertEquals(before + 2, after);
            w.checkBackups(java.time.Instant.now());
            assertEquals(after, w.events().size(), "a fresh full backup: no alert");

            // the engine counts whole days past BackupAlertPeriodInDays (1): two lab days later it alerts
            double labDay = 86_400 / w.speed();
            w.checkBackups(java.time.Instant.now().plusMillis((long) (labDay * 1000 * 1.9)));
            assertEquals(after, w.events().size(), "one whole day is not past the period");
            w.checkBackups(java.time.Instant.now().plusMillis((long) (labDay * 1000 * 2.1)));
            LabEvent old = w.events().get(0);
            assertEquals(9023, old.code());
            assertTrue(old.description().matches("Full backup was created on \\w{3} \\w{3} \\d{2} [0-9:]{8} \\S+"
                    + " \\d{4} and it's too old\\. Please run engine-backup to prevent data loss in case of"
                    + " corruption\\."), old.description());

            w.setSite(w.site().withEngine(LabSite.GONE));
            int gone = w.events().size();
            w.checkBackups(java.time.Instant.now());
            assertEquals(gone, w.events().size(), "no engine, no check");
        }
    }
}
