package org.heshell.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heshell.engine.EngineException;
import org.heshell.engine.EngineSession;
import org.heshell.model.EngineEvent;
import org.heshell.model.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ovirt.engine.sdk4.Connection;
import org.ovirt.engine.sdk4.services.HostService;
import org.ovirt.engine.sdk4.types.NetworkAttachment;

/**
 * A cluster's required network and the engine's answers about it, through the official Java SDK: a host brought up
 * without it is Non Operational with the engine's event, Setup Host Networks gives it the network, the engine's
 * auto-recovery or an activation brings it Up; and host removal as RemoveVdsCommand allows it.
 */
class LabHostNetworksTest {
    @TempDir
    Path dir;

    /** The standard lab whose cluster requires `storage`, on every machine but host3's. */
    private static void requireStorageButOnHost3(LabWorld w) {
        LabSite s = w.site();
        List<LabMachine> machines = new ArrayList<>();
        for (LabMachine m : s.machines()) {
            machines.add(m.withNetworks(m.fqdn().equals("host3.lab.example") ? List.of() : List.of("storage")));
        }
        w.setSite(new LabSite(s.engine(), s.appliance(), machines, s.dns(), List.of(new LabNetwork("storage",
                true))));
    }

    private static String await(LabWorld w, String id, String status) throws InterruptedException {
        for (int i = 0; i < 800 && !status.equals(w.host(id).status()); i++) {
            Thread.sleep(10);
        }
        return w.host(id).status();
    }

    private static Host host(EngineSession engine, String name) {
        return engine.read().findHost(name).orElseThrow();
    }

    @Test
    void aHostWithoutARequiredNetworkIsNonOperationalUntilSetupNetworksGivesItAndAutoRecoveryActivatesIt()
            throws Exception {
        try (LabFixture lab = LabFixture.start(dir.resolve("lab")); EngineSession engine = lab.session()) {
            LabWorld w = lab.lab().world();
            requireStorageButOnHost3(w);
            String id = host(engine, "Host 3").id();
            engine.deactivate(host(engine, "Host 3"));
            assertEquals("maintenance", await(w, id, "maintenance"));
            engine.activate(host(engine, "Host 3"));
            assertEquals("non_operational", await(w, id, "non_operational"));

            EngineEvent why = engine.events(10, "type=519").get(0);
            assertEquals("warning", why.severity());
            assertEquals(id, why.hostId());
            assertEquals("Host Host 3 does not comply with the cluster Default networks, the following networks are"
                    + " missing on host: 'storage'", why.description());

            // The engine's own validation: an unknown network or NIC is refused, and nothing changes.
            EngineException unknown = assertThrows(EngineException.class,
                    () -> engine.attachNetwork(host(engine, "Host 3"), "storag", "eth1"));
            assertTrue(unknown.getMessage().contains("Cannot setup Networks. The following Logical Networks do not"
                    + " exist in the Host's Cluster: storag."), unknown.getMessage());
            EngineException noNic = assertThrows(EngineException.class,
                    () -> engine.attachNetwork(host(engine, "Host 3"), "storage", "eth7"));
            assertTrue(noNic.getMessage().contains("The following Network Interfaces do not exist on the Host:"
                    + " eth7."), noNic.getMessage());
            assertEquals(List.of("storage"), w.site().missingNetworks("host3.lab.example"));

            w.setSpeed(0.001); // the engine's five-minute auto-recovery is not to come while we look
            engine.attachNetwork(host(engine, "Host 3"), "storage", "eth1");
            assertEquals(List.of(), w.site().missingNetworks("host3.lab.example"));
            assertEquals("non_operational", w.host(id).status(), "setup networks alone does not activate a host");
            Connection sdk = sdk(lab);
            HostService hs = sdk.systemService().hostsService().hostService(id);
            List<String> attached = hs.networkAttachmentsService().list().send().attachments().stream()
                    .map(a -> networkName(sdk, a)).toList();
            assertEquals(List.of("ovirtmgmt", "storage"), attached);
            assertTrue(sdk.systemService().clustersService().clusterService(w.snapshot().clusterId())
                    .networksService().list().send().networks().stream().anyMatch(n -> n.name().equals("storage")
                            && n.required()), "the cluster's networks name storage as required");

            w.autoRecover();
            assertEquals("up", w.host(id).status());
            assertEquals("Host Host 3 was autorecovered.", engine.events(1, null).get(0).description());
            assertEquals(9502, engine.events(1, null).get(0).code());
            sdk.close();
        }
    }

    @Test
    void aNonOperationalHostGivenItsNetworkIsAutorecoveredByTheLabAfterItsRestart() throws Exception {
        String id;
        try (LabFixture lab = LabFixture.start(dir.resolve("lab")); EngineSession engine = lab.session()) {
            LabWorld w = lab.lab().world();
            requireStorageButOnHost3(w);
            id = host(engine, "Host 3").id();
            engine.deactivate(host(engine, "Host 3"));
            assertEquals("maintenance", await(w, id, "maintenance"));
            engine.activate(host(engine, "Host 3"));
            assertEquals("non_operational", await(w, id, "non_operational"));
            w.setSpeed(0.001); // the lab stops before its auto-recovery comes
            engine.attachNetwork(host(engine, "Host 3"), "storage", "eth1");
        }
        // the engine's auto-recovery reads non_operational_reason from its database: a restart keeps it
        try (LabFixture lab = LabFixture.start(dir.resolve("lab")); EngineSession engine = lab.session()) {
            LabWorld w = lab.lab().world();
            assertEquals("non_operational", w.host(id).status());
            w.autoRecover();
            assertEquals("up", w.host(id).status());
            EngineEvent recovered = engine.events(1, null).get(0);
            assertEquals(9502, recovered.code());
            assertEquals("Host Host 3 was autorecovered.", recovered.description());
            assertEquals(org.heshell.model.HostStatus.UP, host(engine, "Host 3").status());
        }
    }

    @Test
    void setupNetworksOnAHostThatIsNeitherUpMaintenanceNorNonOperationalIsRefused() throws Exception {
        try (LabFixture lab = LabFixture.start(dir.resolve("lab")); EngineSession engine = lab.session()) {
            LabWorld w = lab.lab().world();
            requireStorageButOnHost3(w);
            w.setSpeed(0.001); // Host 3 stays Preparing for Maintenance while its first VM migrates
            engine.deactivate(host(engine, "Host 3"));
            EngineException e = assertThrows(EngineException.class,
                    () -> engine.attachNetwork(host(engine, "Host 3"), "storage", "eth1"));
            assertTrue(e.getMessage().contains("Cannot setup Networks. Operation can be performed only when Host"
                    + " status is Maintenance,Up,NonOperational."), e.getMessage());
            assertEquals(List.of("storage"), w.site().missingNetworks("host3.lab.example"));
        }
    }

    @Test
    void theEngineRemovesAHostOnlyWhenNotOperationalAndRunningNoVmsWithForceOrNot() throws Exception {
        try (LabFixture lab = LabFixture.start(dir.resolve("lab")); EngineSession engine = lab.session()) {
            LabWorld w = lab.lab().world();
            EngineException up = assertThrows(EngineException.class,
                    () -> engine.remove(host(engine, "Host 1"), true));
            assertTrue(up.getMessage().contains("Cannot remove Host. Host is operational. Please switch Host to"
                    + " Maintenance mode first."), up.getMessage());

            requireStorageButOnHost3(w);
            String id = host(engine, "Host 3").id();
            engine.deactivate(host(engine, "Host 3"));
            assertEquals("maintenance", await(w, id, "maintenance"));
            engine.activate(host(engine, "Host 3"));
            assertEquals("non_operational", await(w, id, "non_operational"));
            engine.remove(host(engine, "Host 3"), true);
            assertFalse(engine.read().findHost("Host 3").isPresent());
            EngineEvent removed = engine.events(1, null).get(0);
            assertEquals(44, removed.code());
            assertEquals("Host Host 3 was removed by admin@internal-authz.", removed.description());
        }
    }

    @Test
    void aNonOperationalHostThatStillRunsVmsIsNotRemovedEvenWithForce() {
        LabState standard = LabScenario.standard();
        List<LabHost> hosts = standard.hosts().stream().map(h -> h.name().equals("Host 3")
                ? h.withStatus("non_operational") : h).toList();
        LabState s = new LabState(standard.engineFqdn(), standard.engineVersion(), standard.clusterId(),
                standard.clusterName(), standard.clusterVersion(), 0.001, hosts, standard.vms(), null,
                standard.site(), false);
        try (LabWorld w = new LabWorld(s, x -> { })) {
            String id = hosts.get(2).id();
            LabFault f = assertThrows(LabFault.class, () -> w.remove(id, true));
            assertEquals("[Cannot remove Host. One or more VMs are still running on this Host.]", f.getMessage());
            assertEquals("non_operational", w.host(id).status());
        }
    }

    private static String networkName(Connection sdk, NetworkAttachment a) {
        return sdk.followLink(a.network()).name();
    }

    private static Connection sdk(LabFixture lab) throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("JKS");
        trust.load(null, null);
        try (var in = java.nio.file.Files.newInputStream(lab.endpoint().caFile())) {
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        Path jks = lab.endpoint().caFile().resolveSibling("networks-trust.jks");
        try (var out = java.nio.file.Files.newOutputStream(jks)) {
            trust.store(out, "changeit".toCharArray());
        }
        return org.ovirt.engine.sdk4.ConnectionBuilder.connection().url(lab.endpoint().apiUrl())
                .user("admin@internal").password(new String(lab.password())).trustStoreFile(jks.toString())
                .trustStorePassword("changeit").build();
    }
}
