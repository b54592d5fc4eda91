package org.heshell.lab;

import java.util.List;

/**
 * Everything the lab persists: the Manager's view (hosts, VMs, cluster), its settings, faults and the site
 * around it (machines, DNS, whether the engine runs), and the HA agents' global maintenance. Written to {@code state.json} after each change.
 */
public record LabState(String engineFqdn, String engineVersion, String clusterId, String clusterName,
                       String clusterVersion, double speed, List<LabHost> hosts, List<LabVm> vms,
                       LabFaults faults, LabSite site, boolean globalMaintenance) {
    public LabState {
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
        faults = faults == null ? LabFaults.NONE : faults; // state files from before faults existed
        site = site == null ? LabScenario.site(engineFqdn, hosts) : site; // ... and before the site existed
    }

    LabState with(double newSpeed, List<LabHost> newHosts, List<LabVm> newVms, LabFaults newFaults,
                  LabSite newSite, boolean newGlobalMaintenance) {
        return new LabState(engineFqdn, engineVersion, clusterId, clusterName, clusterVersion, newSpeed, newHosts,
                newVms, newFaults, newSite, newGlobalMaintenance);
    }
}
