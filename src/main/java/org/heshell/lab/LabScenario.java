package org.heshell.lab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.heshell.restore.TableResolver;

/**
 * The lab's starting picture: the procedure's first image. Three hosted-engine hosts, the engine VM on Host 2 and
 * six VMs two per host. Memory is sized so that placement by free memory sends both of Host 1's VMs to Host 3
 * (Host 2 carries the 16 GiB engine VM), exactly as the document shows.
 */
public final class LabScenario {
    public static final String ENGINE_FQDN = "engine.lab.example";
    public static final String ENGINE_VERSION = "4.5.6";
    static final long HOST_MEMORY_MB = 32 * 1024;
    static final long VM_MEMORY_MB = 4 * 1024;
    static final long ENGINE_VM_MEMORY_MB = 16 * 1024;
    static final String ENGINE_IP = "192.0.2.10";
    /** RHEL 8.10 everywhere: hosts, the engine VM and the appliance (el8). */
    static final String OS = "8.10";
    static final String APPLIANCE = "4.5-20241010.1.el8";

    private LabScenario() {
    }

    /** The standard three-host lab. */
    public static LabState standard() {
        return sized(3, 6);
    }

    /**
     * A lab of {@code hostCount} hosts (the first three hosted-engine hosts) and {@code vmCount} VMs spread evenly,
     * for tests and benchmarks. Host memory grows with the VM count so every VM fits.
     */
    public static LabState sized(int hostCount, int vmCount) {
        if (hostCount < 3 || vmCount < 0) {
            throw new IllegalArgumentException("a lab needs at least 3 hosts and no negative VM count");
        }
        int perHost = (vmCount + hostCount - 1) / hostCount;
        long hostMemory = Math.max(HOST_MEMORY_MB, ENGINE_VM_MEMORY_MB + 2L * perHost * VM_MEMORY_MB);
        List<LabHost> hosts = new ArrayList<>();
        for (int i = 1; i <= hostCount; i++) {
            boolean he = i <= 3;
            String octets = hostCount <= 240 ? "192.0.2." + (10 + i) : "198.18." + (i / 250) + "." + (1 + i % 250);
            hosts.add(new LabHost(id("host", i), "Host " + i, "host" + i + ".lab.example", List.of(octets),
                    id("hw", i), "up", hostMemory, he, he ? 3400 : 0, false, null));
        }
        List<LabVm> vms = new ArrayList<>();
        vms.add(new LabVm(id("vm", 0), "HostedEngine", "up", hosts.get(1).id(), null, ENGINE_VM_MEMORY_MB, true,
                ENGINE_FQDN));
        for (int i = 1; i <= vmCount; i++) {
            String host = hosts.get((i - 1) / Math.max(1, perHost) % hostCount).id();
            vms.add(new LabVm(id("vm", i), "vm" + i, "up", host, null, VM_MEMORY_MB, false, null));
        }
        return new LabState(ENGINE_FQDN, ENGINE_VERSION, id("cluster", 1), "Default", "4.7", 1.0, hosts, vms,
                LabFaults.NONE, site(ENGINE_FQDN, hosts), false);
    }

    /**
     * The site of a lab whose Manager knows {@code hosts}: the engine VM, a machine per hosted-engine host and one
     * spare machine no Manager knows (host4 in the standard lab), each with A and PTR records in the lab's DNS.
     */
    static LabSite site(String engineFqdn, List<LabHost> hosts) {
        List<LabMachine> machines = new ArrayList<>();
        machines.add(new LabMachine(engineFqdn, List.of(ENGINE_IP), OS));
        hosts.stream().filter(LabHost::heConfigured).forEach(h -> machines.add(new LabMachine(h.address(), h.ips(),
                OS)));
        int spare = hosts.size() + 1;
        machines.add(new LabMachine("host" + spare + ".lab.example", List.of(spare <= 240 ? "192.0.2." + (10 + spare)
                : "198.18.255." + (spare % 250)), OS));
        List<TableResolver.Record> dns = new ArrayList<>();
        List<LabMachine> named = new ArrayList<>(machines);
        hosts.stream().filter(h -> !h.heConfigured()).forEach(h -> named.add(new LabMachine(h.address(), h.ips(),
                OS)));
        for (LabMachine m : named) {
            for (String ip : m.ips()) {
                dns.add(new TableResolver.Record("A", m.fqdn(), ip));
                dns.add(new TableResolver.Record("PTR", ip, m.fqdn()));
            }
        }
        return new LabSite(LabSite.UP, APPLIANCE, machines, dns);
    }

    /** Stable ids, so that a lab rebuilt from scratch looks the same to scripts and tests. */
    private static String id(String kind, int n) {
        return UUID.nameUUIDFromBytes((kind + n).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
