package org.heshell.lab;

import java.util.List;
import java.util.Optional;
import org.heshell.restore.TableResolver;

/**
 * The lab's world outside the Manager's database: whether the engine runs ({@code engine}: "up", "gone" after
 * `lab break engine`, "hung" while its VM runs but its API does not answer, "down" while its VM is shut down on
 * purpose, "bootstrap" while a restore deployment runs), the engine appliance the hosts would deploy
 * (its RPM's version-release, e.g. 4.5-20241010.1.el8), the machines, the DNS table the lab answers with, the
 * cluster's logical networks besides ovirtmgmt (they belong to the Manager's database; the lab keeps them here
 * because a backup and the Manager restored from it have the same ones), the machines lost for good ({@code lost}:
 * FQDNs, after `lab break host`) and the hosted-engine storage domain's fate ({@code hostedStorage}: "ok", "lost"
 * after `lab break storage`, "replaced" once a restore deployed onto new storage).
 */
public record LabSite(String engine, String appliance, List<LabMachine> machines, List<TableResolver.Record> dns,
                      List<LabNetwork> networks, List<String> lost, String hostedStorage) {
    public static final String UP = "up";
    public static final String GONE = "gone";
    public static final String BOOTSTRAP = "bootstrap";
    /** The engine VM runs, but ovirt-engine in it no longer answers: the Manager looks lost, and is not. */
    public static final String HUNG = "hung";
    /** The engine VM was shut down (hosted-engine --vm-shutdown): its disk is there, it can be started again. */
    public static final String DOWN = "down";

    public static final String STORAGE_OK = "ok";
    public static final String STORAGE_LOST = "lost";
    public static final String STORAGE_REPLACED = "replaced";

    public LabSite {
        machines = List.copyOf(machines);
        dns = List.copyOf(dns);
        networks = networks == null ? List.of() : List.copyOf(networks); // sites from before networks existed
        lost = lost == null ? List.of() : List.copyOf(lost); // state files from before disasters beyond the engine
        hostedStorage = hostedStorage == null ? STORAGE_OK : hostedStorage;
    }

    /** A site whose cluster has no network but ovirtmgmt, nothing lost. */
    public LabSite(String engine, String appliance, List<LabMachine> machines, List<TableResolver.Record> dns) {
        this(engine, appliance, machines, dns, List.of(), List.of(), STORAGE_OK);
    }

    /** A site with these networks, nothing lost. */
    public LabSite(String engine, String appliance, List<LabMachine> machines, List<TableResolver.Record> dns,
                   List<LabNetwork> networks) {
        this(engine, appliance, machines, dns, networks, List.of(), STORAGE_OK);
    }

    /** Whether {@code fqdn} is a machine lost for good: it answers nothing, neither SSH nor vdsm. */
    boolean isLost(String fqdn) {
        return lost.stream().anyMatch(f -> f.equalsIgnoreCase(fqdn));
    }

    /** Whether hosted_storage is gone: the engine VM's disk and the HA agents' metadata with it. */
    boolean storageLost() {
        return STORAGE_LOST.equals(hostedStorage);
    }

    /** Whether the Manager's API answers: running, or the bootstrap engine of a restore deployment. */
    boolean apiAnswers() {
        return UP.equals(engine) || BOOTSTRAP.equals(engine);
    }

    /** Whether the engine VM runs (answering or not). */
    boolean engineVmRuns() {
        return UP.equals(engine) || HUNG.equals(engine);
    }

    Optional<LabMachine> machine(String fqdn) {
        return machines.stream().filter(m -> m.fqdn().equalsIgnoreCase(fqdn)).findFirst();
    }

    /** The lab's DNS, answering as a resolver would. */
    TableResolver resolver() {
        return new TableResolver(dns);
    }

    LabSite withEngine(String newEngine) {
        return new LabSite(newEngine, appliance, machines, dns, networks, lost, hostedStorage);
    }

    LabSite withMachine(LabMachine changed) {
        List<LabMachine> next = machines.stream().map(m -> m.fqdn().equalsIgnoreCase(changed.fqdn()) ? changed : m)
                .toList();
        return new LabSite(engine, appliance, next, dns, networks, lost, hostedStorage);
    }

    LabSite withLost(List<String> newLost) {
        return new LabSite(engine, appliance, machines, dns, networks, newLost, hostedStorage);
    }

    LabSite withHostedStorage(String state) {
        return new LabSite(engine, appliance, machines, dns, networks, lost, state);
    }

    /**
     * The networks the cluster requires that the machine at {@code fqdn} does not carry, in the cluster's order, as
     * the engine's NetworkMonitoringHelper finds them; empty for a machine the lab does not have.
     */
    List<String> missingNetworks(String fqdn) {
        List<String> on = machine(fqdn).map(LabMachine::networks).orElse(null);
        if (on == null) {
            return List.of();
        }
        return networks.stream().filter(LabNetwork::required).map(LabNetwork::name).filter(n -> !on.contains(n))
                .toList();
    }
}
