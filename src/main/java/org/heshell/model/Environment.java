package org.heshell.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One consistent view of a self-hosted engine environment: live from the Manager, or read from a backup. */
public record Environment(String engineFqdn, String engineVersion, List<Host> hosts, List<Vm> vms,
                          List<Cluster> clusters) {
    public Environment {
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
        clusters = List.copyOf(clusters);
    }

    public Optional<Host> host(String id) {
        return hosts.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    /** The host with this name, FQDN or IP, if exactly one has it. */
    public Optional<Host> findHost(String identifier) {
        List<Host> matches = hosts.stream().filter(h -> h.isKnownAs(identifier)).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    public Optional<Vm> findVm(String name) {
        return vms.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    public Optional<Vm> engineVm() {
        return vms.stream().filter(Vm::engine).findFirst();
    }

    /** The host running the engine VM, if it runs. */
    public Optional<Host> engineHost() {
        return engineVm().map(Vm::hostId).flatMap(this::host);
    }

    /** The cluster {@code h} is in, as hosts name their cluster. */
    public Optional<Cluster> clusterOf(Host h) {
        return clusters.stream().filter(c -> c.name().equals(h.cluster())).findFirst();
    }

    public List<Vm> vmsOn(String hostId) {
        return vms.stream().filter(v -> hostId.equals(v.hostId())).toList();
    }

    /**
     * Hosted-engine hosts in Maintenance with no VM: failover hosts, which may deploy a restored engine (the
     * procedure's rule), once their old record is removed before they synchronize.
     */
    public List<Host> failoverHosts() {
        return hosts.stream()
                .filter(h -> h.hostedEngine().configured())
                .filter(h -> h.status() == HostStatus.MAINTENANCE)
                .filter(h -> vmsOn(h.id()).isEmpty())
                .toList();
    }

    /** Hosted-engine hosts carrying VMs: no host sharing their identifiers may deploy a restored engine. */
    public List<Host> loadedHosts() {
        return hosts.stream()
                .filter(h -> h.hostedEngine().configured())
                .filter(h -> !vmsOn(h.id()).isEmpty())
                .toList();
    }

    /** VMs grouped by host id, every host present (empty list for none), in host order. */
    public Map<String, List<Vm>> vmsByHost() {
        Map<String, List<Vm>> byHost = new LinkedHashMap<>();
        hosts.forEach(h -> byHost.put(h.id(), new ArrayList<>()));
        for (Vm vm : vms) {
            if (vm.hostId() != null && byHost.containsKey(vm.hostId())) {
                byHost.get(vm.hostId()).add(vm);
            }
        }
        byHost.values().forEach(l -> l.sort(Comparator.comparing(Vm::name)));
        return byHost;
    }
}
