package org.heshell.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentDiffTest {
    static Host host(String id, String name, String fqdn, String ip, String uid, HostStatus s) {
        return new Host(id, name, fqdn, List.of(ip), uid, s, "Default", 0, new HostedEngineInfo(true, true, 3400,
                false, false), "RHEL - 8.10 - 1.el8");
    }

    static Environment env(List<Host> hosts, List<Vm> vms) {
        return new Environment("engine.lab.example", "4.5.6", hosts, vms, List.of());
    }

    @Test
    void anUnchangedEnvironmentHasNoDifference() {
        Environment e = env(List.of(host("h1", "Host 1", "host1.lab.example", "192.0.2.11", "u1", HostStatus.UP)),
                List.of(new Vm("v1", "vm1", VmStatus.UP, "h1", 1, false)));
        assertTrue(EnvironmentDiff.between(e, e).isEmpty());
    }

    @Test
    void theRestoreOfTheDocumentIsDescribed() {
        // Before: engine VM on Host 2, Host 1 the failover host. After: Host 1 redeployed under a new id with the
        // same FQDN and a new IP, the engine VM on it, Host 3 gone, a new Host 4.
        Environment before = env(List.of(
                host("h1", "Host 1", "host1.lab.example", "192.0.2.11", "u1", HostStatus.MAINTENANCE),
                host("h2", "Host 2", "host2.lab.example", "192.0.2.12", "u2", HostStatus.UP),
                host("h3", "Host 3", "host3.lab.example", "192.0.2.13", "u3", HostStatus.UP)),
                List.of(new Vm("e", "HostedEngine", VmStatus.UP, "h2", 1, true),
                        new Vm("v1", "vm1", VmStatus.UP, "h3", 1, false),
                        new Vm("v2", "vm2", VmStatus.UP, "h2", 1, false)));
        Environment after = env(List.of(
                host("n1", "Host 1", "HOST1.lab.example", "192.0.2.21", "u9", HostStatus.UP),
                host("h2", "Host 2", "host2.lab.example", "192.0.2.12", "u2", HostStatus.NON_OPERATIONAL),
                host("h4", "Host 4", "host4.lab.example", "192.0.2.14", "u4", HostStatus.UP)),
                List.of(new Vm("e2", "HostedEngine", VmStatus.UP, "n1", 1, true),
                        new Vm("v2", "vm2", VmStatus.UP, "h2", 1, false),
                        new Vm("v3", "vm3", VmStatus.UP, "h4", 1, false)));
        EnvironmentDiff d = EnvironmentDiff.between(before, after);
        assertEquals(List.of("Host 4"), d.hostsAdded().stream().map(Host::name).toList());
        assertEquals(List.of("Host 3"), d.hostsRemoved().stream().map(Host::name).toList());
        assertEquals(List.of("IPs [192.0.2.11] → [192.0.2.21]", "unique id u1 → u9", "status Maintenance → Up"),
                d.hostsChanged().get(0).differences());
        assertEquals(List.of("status Up → Non Operational"), d.hostsChanged().get(1).differences());
        assertEquals(new EnvironmentDiff.VmMove("HostedEngine", "Host 2", "Host 1"), d.engineMoved());
        assertEquals(List.of("vm1"), d.vmsRemoved().stream().map(Vm::name).toList());
        assertEquals(List.of("vm3"), d.vmsAdded().stream().map(Vm::name).toList());
    }
}
