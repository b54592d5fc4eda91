package org.heshell.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ovirt.engine.sdk4.Connection;
import org.ovirt.engine.sdk4.ConnectionBuilder;
import org.ovirt.engine.sdk4.Error;
import org.ovirt.engine.sdk4.builders.HostBuilder;
import org.ovirt.engine.sdk4.services.VmService;
import org.ovirt.engine.sdk4.types.Event;
import org.ovirt.engine.sdk4.types.Vm;
import org.ovirt.engine.sdk4.types.VmStatus;

/** VmService's start, stop, shutdown and migrate on the lab, through the official SDK, as a 4.5 engine answers. */
class LabVmActionsTest {
    @TempDir
    Path dir;
    LabFixture lab;
    Connection sdk;

    @BeforeEach
    void start() throws Exception {
        lab = LabFixture.start(dir.resolve("lab"));
        sdk = sdk(lab, dir);
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        lab.close();
    }

    /** An SDK connection to {@code lab} that trusts only the lab's CA. */
    static Connection sdk(LabFixture lab, Path dir) throws Exception {
        KeyStore trust = KeyStore.getInstance("JKS");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(lab.endpoint().caFile())) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Path jks = dir.resolve("trust.jks");
        try (OutputStream out = Files.newOutputStream(jks)) {
            trust.store(out, "changeit".toCharArray());
        }
        return ConnectionBuilder.connection().url(lab.endpoint().apiUrl()).user("admin@internal")
                .password(new String(lab.password())).trustStoreFile(jks.toString()).trustStorePassword("changeit")
                .build();
    }

    private Vm vm(String name) {
        return sdk.systemService().vmsService().list().search("name=" + name).send().vms().get(0);
    }

    private VmService service(String name) {
        return sdk.systemService().vmsService().vmService(vm(name).id());
    }

    private String hostName(String id) {
        return sdk.systemService().hostsService().hostService(id).get().send().host().name();
    }

    private Vm await(String name, Predicate<Vm> done) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Vm v = vm(name);
            if (done.test(v)) {
                return v;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(name + " did not get there: " + vm(name).status());
    }

    private List<String> events(int max) {
        return sdk.systemService().eventsService().list().max(max).send().events().stream()
                .map(e -> e.codeAsInteger() + " " + e.description()).toList();
    }

    @Test
    void shutdownGoesThroughPoweringDownAndIsRecordedAsTheEngineRecordsIt() throws Exception {
        service("vm1").shutdown().send();
        Vm down = await("vm1", v -> v.status() == VmStatus.DOWN);
        assertTrue(!down.hostPresent(), "a down VM runs nowhere");
        assertEquals(List.of("61 VM vm1 is down. Exit message: User shut down from within the guest",
                "73 VM shutdown initiated by admin@internal-authz on VM vm1 (Host: Host 1)."), events(2));
    }

    @Test
    void stopPowersOffAtOnceAndStartRunsItWhereTheSchedulerPlacesIt() throws Exception {
        service("vm2").stop().send();
        assertEquals(VmStatus.DOWN, vm("vm2").status());
        assertEquals(List.of("61 VM vm2 is down. Exit message: Admin shut down from the engine",
                "33 VM vm2 powered off by admin@internal-authz (Host: Host 1)."), events(2));
        service("vm2").start().send();
        Vm up = await("vm2", v -> v.status() == VmStatus.UP);
        String on = hostName(up.host().id());
        assertEquals(List.of("32 VM vm2 started on Host " + on, "153 VM vm2 was started by admin@internal-authz"
                + " (Host: " + on + ")."), events(2));
    }

    @Test
    void aVmInTheWrongStateIsRefusedWithTheEnginesWords() {
        Error running = assertThrows(Error.class, () -> service("vm1").start().send());
        assertTrue(running.getMessage().contains("Cannot run VM. VM is running."), running.getMessage());
        assertTrue(running.getMessage().contains("409"), running.getMessage());
        service("vm1").stop().send();
        Error stopped = assertThrows(Error.class, () -> service("vm1").stop().send());
        assertTrue(stopped.getMessage().contains("Cannot stop VM. VM is not running."), stopped.getMessage());
        Error shut = assertThrows(Error.class, () -> service("vm1").shutdown().send());
        assertTrue(shut.getMessage().contains("Cannot shutdown VM. VM is not running."), shut.getMessage());
    }

    @Test
    void theEngineVmRefusesRunStopAndShutdownButMigrates() throws Exception {
        // VmActionByVmOriginTypeValidator: of these, only migration is allowed on a hosted-engine VM
        for (var action : List.<java.util.function.Consumer<VmService>>of(s -> s.start().send(),
                s -> s.stop().send(), s -> s.shutdown().send())) {
            Error e = assertThrows(Error.class, () -> action.accept(service("HostedEngine")));
            assertTrue(e.getMessage().contains("VM. This VM is not managed by the engine."), e.getMessage());
        }
        assertEquals(VmStatus.UP, vm("HostedEngine").status());
        String host1 = sdk.systemService().hostsService().list().search("name=\"Host 1\"").send().hosts().get(0)
                .id();
        service("HostedEngine").migrate().host(new HostBuilder().id(host1)).send();
        Vm moved = await("HostedEngine", v -> v.status() == VmStatus.UP && v.host().id().equals(host1));
        assertEquals(host1, moved.host().id());
        Event done = sdk.systemService().eventsService().list().max(1).send().events().get(0);
        assertEquals(63, done.codeAsInteger());
    }

    @Test
    void aMigrationToItsOwnHostOrToAHostWithoutRoomIsRefused() {
        Vm vm1 = vm("vm1");
        Error same = assertThrows(Error.class, () -> service("vm1").migrate().host(new HostBuilder()
                .id(vm1.host().id())).send());
        assertTrue(same.getMessage().contains("Cannot migrate VM. source and destination is the same."),
                same.getMessage());
        service("vm1").stop().send();
        Error none = assertThrows(Error.class, () -> service("vm1").migrate().send());
        assertTrue(none.getMessage().contains("Cannot migrate VM. VM vm1 is not running."), none.getMessage());
    }
}
