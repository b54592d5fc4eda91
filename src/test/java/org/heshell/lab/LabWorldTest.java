package org.heshell.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabWorldTest {
    private final List<LabState> saved = new ArrayList<>();

    private LabWorld world(LabState state) {
        LabWorld w = new LabWorld(state, saved::add);
        w.setSpeed(500);
        return w;
    }

    private static Map<String, List<String>> placement(LabState s) {
        Map<String, String> names = s.hosts().stream().collect(Collectors.toMap(LabHost::id, LabHost::name));
        return s.vms().stream().collect(Collectors.groupingBy(v -> names.get(v.hostId()),
                Collectors.mapping(LabVm::name, Collectors.toList())));
    }

    private static LabState await(LabWorld w, Predicate<LabState> done) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            LabState s = w.snapshot();
            if (done.test(s)) {
                return s;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the lab did not get there: " + w.snapshot());
    }

    private static String status(LabState s, String hostName) {
        return s.hosts().stream().filter(h -> h.name().equals(hostName)).findFirst().orElseThrow().status();
    }

    private static String id(LabState s, String hostName) {
        return s.hosts().stream().filter(h -> h.name().equals(hostName)).findFirst().orElseThrow().id();
    }

    @Test
    void startsAsTheDocumentsFirstPicture() {
        LabState s = LabScenario.standard();
        assertEquals(List.of("HostedEngine", "vm3", "vm4"), placement(s).get("Host 2"));
        assertEquals(List.of("vm1", "vm2"), placement(s).get("Host 1"));
        assertEquals(List.of("vm5", "vm6"), placement(s).get("Host 3"));
        assertTrue(s.hosts().stream().allMatch(h -> h.up() && h.heConfigured() && h.heScore() == 3400));
        assertEquals(List.of("192.0.2.11", "192.0.2.12", "192.0.2.13"),
                s.hosts().stream().map(h -> h.ips().get(0)).toList());
    }

    @Test
    void maintenanceOnHost1MovesItsTwoVmsToHost3AndLeavesTheEngineVmOnHost2() throws Exception {
        try (LabWorld w = world(LabScenario.standard())) {
            LabState before = w.snapshot();
            w.deactivate(id(before, "Host 1"));
            assertEquals("preparing_for_maintenance", status(w.snapshot(), "Host 1"));
            assertTrue(w.snapshot().vms().stream().anyMatch(v -> "migrating".equals(v.status())),
                    "a VM migrates while the host prepares");
            LabState after = await(w, s -> status(s, "Host 1").equals("maintenance"));
            Map<String, List<String>> p = placement(after);
            assertEquals(List.of("vm1", "vm2", "vm5", "vm6"), p.get("Host 3").stream().sorted().toList());
            assertEquals(List.of("HostedEngine", "vm3", "vm4"), p.get("Host 2"));
            assertEquals(null, p.get("Host 1"));
            assertTrue(after.vms().stream().allMatch(v -> "up".equals(v.status())));
        }
    }

    @Test
    void everyChangeIsSavedAndARestartedWorldFinishesAnInterruptedMaintenance() throws Exception {
        LabState midway;
        try (LabWorld w = world(LabScenario.standard())) {
            w.setSpeed(0.001); // the migration never finishes while this world lives
            w.deactivate(id(w.snapshot(), "Host 1"));
            midway = saved.get(saved.size() - 1);
            assertEquals("preparing_for_maintenance", status(midway, "Host 1"));
        }
        try (LabWorld restarted = new LabWorld(midway.with(500, midway.hosts(), midway.vms(), midway.faults(), midway.site(),
                midway.globalMaintenance()), s -> { })) {
            LabState done = await(restarted, s -> status(s, "Host 1").equals("maintenance"));
            assertEquals(4, placement(done).get("Host 3").size());
        }
    }

    @Test
    void aRestartedWorldGoesOnWithAnInterruptedInstallationAndFinishesItWithItsHaScore() throws Exception {
        LabState midway;
        try (LabWorld w = world(LabScenario.standard())) {
            w.setSpeed(0.001); // the installation never finishes while this world lives
            w.addHost("Host 4", "host4.lab.example", true, false);
            midway = saved.get(saved.size() - 1);
            assertEquals("installing", status(midway, "Host 4"));
        }
        try (LabWorld restarted = new LabWorld(midway, s -> { })) {
            assertEquals("installing", status(restarted.snapshot(), "Host 4"), "it goes on installing, not Up");
            restarted.setSpeed(10_000);
            LabHost h = null;
            for (int i = 0; i < 200 && (h == null || !h.status().equals("up")); i++) {
                Thread.sleep(10);
                h = restarted.snapshot().hosts().stream().filter(x -> x.name().equals("Host 4")).findFirst()
                        .orElseThrow();
            }
            assertEquals("up", h.status());
            assertEquals(3400, h.heScore(), "its HA agent scores it as after any installation");
        }
    }

    @Test
    void removalIsRefusedWhileTheHostIsUpAndAllowedInMaintenance() throws Exception {
        try (LabWorld w = world(LabScenario.standard())) {
            String host1 = id(w.snapshot(), "Host 1");
            LabFault f = assertThrows(LabFault.class, () -> w.remove(host1));
            assertEquals(409, f.httpStatus());
            assertTrue(f.getMessage().contains("Please switch Host to Maintenance mode first"), f.getMessage());
            w.deactivate(host1);
            await(w, s -> status(s, "Host 1").equals("maintenance"));
            w.remove(host1);
            assertEquals(2, w.snapshot().hosts().size());
        }
    }

    @Test
    void activationBringsTheHostBackUpWithItsHostedEngineScore() throws Exception {
        try (LabWorld w = world(LabScenario.standard())) {
            String host1 = id(w.snapshot(), "Host 1");
            w.deactivate(host1);
            await(w, s -> status(s, "Host 1").equals("maintenance"));
            assertThrows(LabFault.class, () -> w.deactivate(host1));
            w.activate(host1);
            LabState up = await(w, s -> status(s, "Host 1").equals("up"));
            LabHost h = up.hosts().get(0);
            assertEquals(3400, h.heScore());
            assertEquals(false, h.heLocalMaintenance());
        }
    }

    @Test
    void aLargeLabPlacesEveryVmAndKeepsThreeHostedEngineHosts() {
        LabState big = LabScenario.sized(200, 10_000);
        assertEquals(200, big.hosts().size());
        assertEquals(10_001, big.vms().size());
        assertEquals(3, big.hosts().stream().filter(LabHost::heConfigured).count());
        for (LabHost h : big.hosts()) {
            assertTrue(Placement.free(h, big.vms()) >= 0, h.name() + " is overcommitted");
        }
    }

    @Test
    void aHungEngineKeepsItsVmUntilShutDownAndTheAgentsStartItAgainOutsideGlobalMaintenance() throws Exception {
        try (LabWorld w = world(LabScenario.standard())) {
            w.setSite(w.site().withEngine(LabSite.HUNG));
            assertTrue(!w.site().apiAnswers() && w.site().engineVmRuns(), "the API is dead, the VM runs");
            assertEquals("up", engineVm(w).status());
            LabFault elsewhere = org.junit.jupiter.api.Assertions.assertThrows(LabFault.class,
                    () -> w.shutDownEngineVm("host1.lab.example"));
            assertTrue(elsewhere.getMessage().contains("HostedEngine on host1.lab.example"), elsewhere.getMessage());

            // Shut down in global maintenance, it stays down; started again, its engine answers.
            w.setGlobalMaintenance(true);
            w.shutDownEngineVm("host2.lab.example");
            assertEquals(LabSite.DOWN, w.site().engine());
            assertEquals("down", engineVm(w).status());
            String host2 = id(w.snapshot(), "Host 2");
            w.startEngineVm(host2);
            assertEquals(LabSite.UP, w.site().engine());
            assertEquals(host2, engineVm(w).hostId());

            // Outside global maintenance the HA agents bring a shut-down engine VM back by themselves.
            w.setGlobalMaintenance(false);
            w.shutDownEngineVm("host2.lab.example");
            await(w, s -> s.site().engine().equals(LabSite.UP));
            LabFault running = org.junit.jupiter.api.Assertions.assertThrows(LabFault.class,
                    () -> w.startEngineVm(host2));
            assertTrue(running.getMessage().contains("running already"), running.getMessage());
        }
    }

    private static LabVm engineVm(LabWorld w) {
        return w.snapshot().vms().stream().filter(LabVm::engine).findFirst().orElseThrow();
    }

    @Test
    void breakingTheEngineStopsItsVmAndOnlyARestoreBringsItBack() {
        try (LabWorld w = world(LabScenario.standard())) {
            LabSite site = w.site();
            w.setSite(site.withEngine(LabSite.GONE));
            assertEquals(LabSite.GONE, w.site().engine());
            LabVm engine = w.snapshot().vms().stream().filter(LabVm::engine).findFirst().orElseThrow();
            assertEquals("down", engine.status());
            assertTrue(w.snapshot().vms().stream().filter(v -> !v.engine()).allMatch(v -> v.status().equals("up")),
                    "the hosts' VMs run on");
            LabFault f = org.junit.jupiter.api.Assertions.assertThrows(LabFault.class,
                    () -> w.setSite(w.site().withEngine(LabSite.UP)));
            assertTrue(f.getMessage().contains("only by a restore"), f.getMessage());
        }
    }

    @Test
    void addingAHostIsRefusedWhenAnotherHasItsNameAddressOrIpAndElseItInstallsThenComesUp() throws Exception {
        try (LabWorld w = world(LabScenario.standard())) {
            assertTrue(assertRefused(w, "host 1", "host9.lab.example").contains("name is already in use"));
            assertTrue(assertRefused(w, "Host 9", "HOST2.lab.example").contains("address of the host is already"));
            w.setSite(new LabSite(w.site().engine(), w.site().appliance(), w.site().machines(), List.of(
                    new org.heshell.restore.TableResolver.Record("A", "alias.lab.example", "192.0.2.13"))));
            assertTrue(assertRefused(w, "Host 9", "alias.lab.example").contains("address of the host is already"),
                    "an address that resolves to Host 3's IP is Host 3's");

            LabHost added = w.addHost("Host 4", "host4.lab.example", true, false);
            assertEquals("installing", added.status());
            LabState s = await(w, x -> status(x, "Host 4").equals("up"));
            LabHost up = s.hosts().stream().filter(h -> h.name().equals("Host 4")).findFirst().orElseThrow();
            assertTrue(up.heConfigured() && up.heScore() == 3400);
            assertEquals(List.of("192.0.2.14"), up.ips(), "the spare machine's address");
        }
    }

    private static String assertRefused(LabWorld w, String name, String address) {
        return org.junit.jupiter.api.Assertions.assertThrows(LabFault.class, () -> w.addHost(name, address, true,
                false)).getMessage();
    }

    @Test
    void anInstallationTheLabsStopInterruptedGoesOnAsInstallingAndEndsUp() throws Exception {
        LabState midway;
        try (LabWorld w = world(LabScenario.standard())) {
            w.setSpeed(0.001); // the installation never ends while this world lives
            w.addHost("Host 4", "host4.lab.example", true, false);
            midway = saved.get(saved.size() - 1);
            assertEquals("installing", status(midway, "Host 4"));
        }
        LabEvents log = new LabEvents(null);
        try (LabWorld restarted = new LabWorld(midway.with(0.001, midway.hosts(), midway.vms(), midway.faults(),
                midway.site(), false), s -> { }, log)) {
            assertEquals("installing", status(restarted.snapshot(), "Host 4"), "not Up: host-deploy starts again");
            restarted.setSpeed(500);
            LabState up = await(restarted, s -> status(s, "Host 4").equals("up"));
            assertTrue(up.hosts().stream().filter(h -> h.name().equals("Host 4")).findFirst().orElseThrow()
                    .heConfigured());
            assertEquals(LabEvent.VDS_INSTALL, restarted.events().get(0).code());
        }
    }

    @Test
    void aMaintenanceStalledForWantOfRoomGoesOnAfterARestartOnceRoomAppears() throws Exception {
        LabState stalled;
        try (LabWorld w = world(LabScenario.standard())) {
            w.deactivate(id(w.snapshot(), "Host 1"));
            await(w, s -> status(s, "Host 1").equals("maintenance"));
            w.deactivate(id(w.snapshot(), "Host 3")); // its four VMs, and room on Host 2 for two
            stalled = await(w, s -> status(s, "Host 3").equals("preparing_for_maintenance") && s.vms().stream()
                    .noneMatch(v -> v.migratingTo() != null) && placement(s).get("Host 3").size() == 2);
        }
        try (LabWorld restarted = new LabWorld(stalled.with(500, stalled.hosts(), stalled.vms(), stalled.faults(),
                stalled.site(), false), s -> { })) {
            assertEquals("preparing_for_maintenance", status(restarted.snapshot(), "Host 3"));
            restarted.activate(id(restarted.snapshot(), "Host 1")); // room appears
            LabState done = await(restarted, s -> status(s, "Host 3").equals("maintenance"));
            assertEquals(null, placement(done).get("Host 3"));
        }
    }

    @Test
    void aStalledMaintenanceCancelledAndAskedAgainIsRecordedAgain() throws Exception {
        LabEvents log = new LabEvents(null);
        try (LabWorld w = new LabWorld(LabScenario.standard().with(500, LabScenario.standard().hosts(),
                LabScenario.standard().vms(), LabFaults.NONE, LabScenario.standard().site(), false), s -> { }, log)) {
            String host3 = id(w.snapshot(), "Host 3");
            w.deactivate(id(w.snapshot(), "Host 1"));
            await(w, s -> status(s, "Host 1").equals("maintenance"));
            w.deactivate(host3);
            await(w, s -> w.events().stream().anyMatch(e -> e.code() == LabEvent.USER_VDS_MAINTENANCE_MIGRATION_FAILED));
            w.activate(host3); // cancels the evacuation
            await(w, s -> status(s, "Host 3").equals("up"));
            w.deactivate(host3);
            await(w, s -> w.events().stream().filter(e -> e.code() == LabEvent.USER_VDS_MAINTENANCE_MIGRATION_FAILED)
                    .count() == 2);
        }
    }

    @Test
    void aMigrationsDurationIsTheLabsSecondsNotTheRealOnes() throws Exception {
        try (LabWorld w = world(LabScenario.standard())) {
            LabVm vm1 = w.snapshot().vms().stream().filter(v -> v.name().equals("vm1")).findFirst().orElseThrow();
            w.migrate(vm1.id(), id(w.snapshot(), "Host 3"));
            await(w, s -> w.events().stream().anyMatch(e -> e.code() == LabEvent.VM_MIGRATION_DONE));
            String done = w.events().stream().filter(e -> e.code() == LabEvent.VM_MIGRATION_DONE).findFirst()
                    .orElseThrow().description();
            // at speed 500 the migration takes milliseconds of real time, and as many lab seconds as at speed 1
            long seconds = Math.round(LabWorld.MIGRATION_BASE_SECONDS
                    + LabWorld.MIGRATION_SECONDS_PER_GIB * vm1.memoryMb() / 1024.0);
            assertTrue(done.contains("Duration: " + seconds + " seconds"), done);
        }
    }
    private static LabVm vm(LabState s, String name) {
        return s.vms().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aStartingVmWaitsForLaunchAndAShuttingDownOnePowersDownUntilTheClockMoves() {
        try (LabWorld w = new LabWorld(LabScenario.standard(), saved::add)) {
            w.setSpeed(0.001); // the clock all but stands still: the in-between states stay
            w.shutdownVm(vm(w.snapshot(), "vm1").id());
            assertEquals("powering_down", vm(w.snapshot(), "vm1").status());
            w.stopVm(vm(w.snapshot(), "vm2").id());
            LabVm stopped = vm(w.snapshot(), "vm2");
            assertEquals("down", stopped.status());
            assertEquals(null, stopped.hostId());
            w.startVm(stopped.id());
            assertEquals("wait_for_launch", vm(w.snapshot(), "vm2").status());
            // powering off a VM that is powering down ends it at once, as StopVm does
            w.stopVm(vm(w.snapshot(), "vm1").id());
            assertEquals("down", vm(w.snapshot(), "vm1").status());
        }
    }

    @Test
    void aHostLostForGoodIsNonResponsiveWithItsVmsUnknownAndStaysSoWhenActivated() throws Exception {
        LabWorld w = world(LabScenario.standard());
        w.setSite(w.site().withLost(List.of("host1.lab.example")));
        LabState s = w.snapshot();
        assertEquals("non_responsive", status(s, "Host 1"));
        assertEquals("unknown", vm(s, "vm1").status());
        assertEquals(id(s, "Host 1"), vm(s, "vm1").hostId(), "the engine cannot tell; it keeps them where they ran");
        assertEquals(LabSite.UP, s.site().engine(), "the engine VM runs on Host 2");
        assertEquals(List.of(142, 142, 9027, 12), w.events().stream().limit(4).map(LabEvent::code).toList());
        assertEquals("Host Host 1 is non responsive.", w.events().get(3).description());
        w.activate(id(s, "Host 1"));
        await(w, x -> status(x, "Host 1").equals("non_responsive"));
        LabFault back = assertThrows(LabFault.class, () -> w.setSite(w.site().withLost(List.of())));
        assertTrue(back.getMessage().contains("only with lab reset"), back.getMessage());
        w.reset(LabScenario.standard());
        assertEquals(List.of(), w.site().lost());
        assertEquals("up", status(w.snapshot(), "Host 1"));
        w.close();
    }

    @Test
    void losingTheEngineVmsHostTakesTheManagerDownUntilTheHaAgentsStartItElsewhere() throws Exception {
        LabWorld w = world(LabScenario.standard());
        String host2 = id(w.snapshot(), "Host 2");
        w.setSite(w.site().withLost(List.of("host2.lab.example")));
        LabState after = await(w, x -> x.site().engine().equals(LabSite.UP));
        String on = vm(after, "HostedEngine").hostId();
        assertTrue(!on.equals(host2) && on != null, "the engine VM restarted on another host: " + on);
        assertEquals("non_responsive", status(after, "Host 2"));
        assertEquals(List.of("unknown", "unknown"), List.of(vm(after, "vm3").status(), vm(after, "vm4").status()));
        w.close();
    }

    @Test
    void inGlobalMaintenanceTheEngineVmOfALostHostStaysDownUntilStartedByHand() throws Exception {
        try (LabWorld w = new LabWorld(LabScenario.standard(), saved::add)) {
            w.setGlobalMaintenance(true);
            w.setSite(w.site().withLost(List.of("host2.lab.example")));
            assertEquals(LabSite.DOWN, w.site().engine());
            w.setSpeed(10_000);
            Thread.sleep(50); // well past the HA agents' restart time at this speed: nothing restarts it
            assertEquals(LabSite.DOWN, w.site().engine());
            w.startEngineVm(id(w.snapshot(), "Host 3"));
            assertEquals(id(w.snapshot(), "Host 3"), vm(w.snapshot(), "HostedEngine").hostId());
        }
    }

    @Test
    void withHostedStorageGoneTheEngineVmIsDownForGoodAndTheDomainInactive() throws Exception {
        LabWorld w = world(LabScenario.standard());
        w.setSite(w.site().withHostedStorage(LabSite.STORAGE_LOST));
        assertEquals(LabSite.DOWN, w.site().engine());
        assertEquals("down", vm(w.snapshot(), "HostedEngine").status());
        LabFault start = assertThrows(LabFault.class, () -> w.startEngineVm(id(w.snapshot(), "Host 1")));
        assertTrue(start.getMessage().contains("has not been retrieved from shared storage"), start.getMessage());
        LabDataCenter dc = LabDataCenter.of(w.snapshot());
        LabDataCenter.Domain hosted = dc.domains().stream().filter(d -> d.name().equals("hosted_storage"))
                .findFirst().orElseThrow();
        assertEquals("inactive", dc.domainStatus(hosted));
        assertTrue(dc.domains().stream().filter(d -> d.name().equals("data")).findFirst().orElseThrow().master(),
                "the data domain becomes master");
        // a restore deploys onto new storage: the old domain is renamed, a new hosted_storage is active
        w.engineDeployed(id(w.snapshot(), "Host 1"), vm(w.snapshot(), "HostedEngine").id());
        LabDataCenter restored = LabDataCenter.of(w.snapshot());
        assertEquals(List.of("hosted_storage active", "data active"), restored.domains().stream()
                .filter(d -> !d.name().startsWith("hosted_storage_old_")).map(d -> d.name() + " "
                        + restored.domainStatus(d)).toList());
        assertTrue(restored.domains().stream().anyMatch(d -> d.name().matches("hosted_storage_old_\\d{8}T\\d{6}")
                && restored.domainStatus(d).equals("inactive")), restored.domains().toString());
        w.reset(LabScenario.standard());
        assertEquals(LabSite.STORAGE_OK, w.site().hostedStorage());
        w.close();
    }
}
