package org.heshell.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What changed between two views of an environment (a backup and another backup, or the live one): hosts added,
 * removed or with changed identifiers or status, VMs added, removed or moved, and whether the engine VM moved.
 * Hosts are matched by id, then unique id, FQDN and name, so a host re-added under a new id is still recognized.
 */
public record EnvironmentDiff(List<Host> hostsAdded, List<Host> hostsRemoved, List<HostChange> hostsChanged,
                              List<Vm> vmsAdded, List<Vm> vmsRemoved, List<VmMove> vmsMoved, VmMove engineMoved) {

    /** One host in both views, and what differs: "FQDN a → b", "IPs [...] → [...]", ... */
    public record HostChange(Host before, Host after, List<String> differences) {
    }

    /** A VM whose host changed; a host is null where the VM ran nowhere. */
    public record VmMove(String vm, String from, String to) {
    }

    public boolean isEmpty() {
        return hostsAdded.isEmpty() && hostsRemoved.isEmpty() && hostsChanged.isEmpty() && vmsAdded.isEmpty()
                && vmsRemoved.isEmpty() && vmsMoved.isEmpty() && engineMoved == null;
    }

    public static EnvironmentDiff between(Environment a, Environment b) {
        Map<Host, Host> pairs = new LinkedHashMap<>();
        Set<Host> taken = new HashSet<>();
        List<Function<Host, String>> keys = List.of(Host::id, Host::uniqueId, h -> h.address().toLowerCase(),
                Host::name);
        for (Function<Host, String> key : keys) {
            for (Host h : a.hosts()) {
                if (pairs.containsKey(h) || key.apply(h) == null || key.apply(h).isEmpty()) {
                    continue;
                }
                b.hosts().stream().filter(o -> !taken.contains(o) && key.apply(h).equals(key.apply(o))).findFirst()
                        .ifPresent(o -> {
                            pairs.put(h, o);
                            taken.add(o);
                        });
            }
        }
        List<Host> removed = a.hosts().stream().filter(h -> !pairs.containsKey(h)).toList();
        List<Host> added = b.hosts().stream().filter(h -> !taken.contains(h)).toList();
        List<HostChange> changed = new ArrayList<>();
        for (Host before : a.hosts()) {
            Host after = pairs.get(before);
            if (after == null) {
                continue;
            }
            List<String> d = new ArrayList<>();
            differ(d, "name", before.name(), after.name());
            if (!before.address().equalsIgnoreCase(after.address())) {
                d.add("FQDN " + before.address() + " → " + after.address());
            }
            if (!Set.copyOf(before.ips()).equals(Set.copyOf(after.ips()))) {
                d.add("IPs " + before.ips() + " → " + after.ips());
            }
            differ(d, "unique id", before.uniqueId(), after.uniqueId());
            differ(d, "status", before.status().label(), after.status().label());
            if (!d.isEmpty()) {
                changed.add(new HostChange(before, after, d));
            }
        }

        Map<String, Vm> bById = new LinkedHashMap<>();
        b.vms().forEach(v -> bById.put(v.id(), v));
        List<Vm> vmsRemoved = new ArrayList<>();
        List<VmMove> moved = new ArrayList<>();
        Set<Vm> matched = new HashSet<>();
        VmMove engine = null;
        for (Vm v : a.vms()) {
            Vm o = Optional.ofNullable(bById.get(v.id())).orElseGet(() -> b.findVm(v.name()).orElse(null));
            if (o == null) {
                vmsRemoved.add(v);
                continue;
            }
            matched.add(o);
            String from = hostName(a, v.hostId());
            String to = hostName(b, o.hostId());
            if (!Objects.equals(from, to)) {
                VmMove m = new VmMove(v.name(), from, to);
                moved.add(m);
                if (v.engine()) {
                    engine = m;
                }
            }
        }
        List<Vm> vmsAdded = b.vms().stream().filter(v -> !matched.contains(v)).toList();
        return new EnvironmentDiff(added, removed, changed, vmsAdded, vmsRemoved, moved, engine);
    }

    private static void differ(List<String> d, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            d.add(what + " " + before + " → " + after);
        }
    }

    private static String hostName(Environment env, String hostId) {
        return hostId == null ? null : env.host(hostId).map(Host::name).orElse(hostId);
    }
}
