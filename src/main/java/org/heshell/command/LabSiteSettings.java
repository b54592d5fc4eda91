package org.heshell.command;

import java.util.ArrayList;
import java.util.List;
import org.heshell.restore.TableResolver;

/**
 * The lab's site as its control resource speaks of it: whether the engine runs ("up", "gone", "hung", "down",
 * "bootstrap"), the appliance the hosts would deploy, the machines with their OS versions and the networks on their
 * NICs, the lab's DNS table, the cluster's logical networks besides ovirtmgmt, the machines lost for good and
 * whether hosted_storage is there.
 */
public record LabSiteSettings(String engine, String appliance, List<Machine> machines,
                              List<TableResolver.Record> dns, List<Network> networks, List<String> lost,
                              String hostedStorage) {
    public record Machine(String fqdn, List<String> ips, String os, List<String> networks) {
        public Machine {
            networks = networks == null ? List.of() : List.copyOf(networks);
        }
    }

    /** A logical network of the cluster; a required one must be on every host. */
    public record Network(String name, boolean required) {
    }

    public LabSiteSettings {
        machines = List.copyOf(machines);
        dns = List.copyOf(dns);
        networks = networks == null ? List.of() : List.copyOf(networks);
        lost = lost == null ? List.of() : List.copyOf(lost);
        hostedStorage = hostedStorage == null ? "ok" : hostedStorage;
    }

    /** A machine lost for good (`lab break host`), by FQDN. */
    LabSiteSettings withLost(String fqdn) {
        List<String> next = new ArrayList<>(lost);
        next.add(fqdn);
        return new LabSiteSettings(engine, appliance, machines, dns, networks, next, hostedStorage);
    }

    /** hosted_storage gone (`lab break storage`). */
    LabSiteSettings withStorageLost() {
        return new LabSiteSettings(engine, appliance, machines, dns, networks, lost, "lost");
    }

    LabSiteSettings withEngine(String newEngine) {
        return new LabSiteSettings(newEngine, appliance, machines, dns, networks, lost, hostedStorage);
    }

    LabSiteSettings withAppliance(String newAppliance) {
        return new LabSiteSettings(engine, newAppliance, machines, dns, networks, lost, hostedStorage);
    }

    LabSiteSettings withOs(String fqdn, String os) {
        List<Machine> next = new ArrayList<>();
        for (Machine m : machines) {
            next.add(m.fqdn().equalsIgnoreCase(fqdn) ? new Machine(m.fqdn(), m.ips(), os, m.networks()) : m);
        }
        return new LabSiteSettings(engine, appliance, next, dns, networks, lost, hostedStorage);
    }

    LabSiteSettings withDns(List<TableResolver.Record> records) {
        return new LabSiteSettings(engine, appliance, machines, records, networks, lost, hostedStorage);
    }

    /** The cluster requires {@code network}, configured on every machine but {@code without}. */
    LabSiteSettings withRequiredNetwork(String network, String without) {
        List<Network> nets = new ArrayList<>(networks.stream().filter(n -> !n.name().equals(network)).toList());
        nets.add(new Network(network, true));
        List<Machine> next = new ArrayList<>();
        for (Machine m : machines) {
            List<String> on = new ArrayList<>(m.networks());
            on.remove(network);
            if (!m.fqdn().equalsIgnoreCase(without)) {
                on.add(network);
            }
            next.add(new Machine(m.fqdn(), m.ips(), m.os(), on));
        }
        return new LabSiteSettings(engine, appliance, next, dns, nets, lost, hostedStorage);
    }
}
