package org.heshell.lab;

import java.util.List;

/** Everything the lab persists: the environment and its settings. Written to {@code state.json} after each change. */
public record LabState(String engineFqdn, String engineVersion, String clusterId, String clusterName,
                       String clusterVersion, double speed, List<LabHost> hosts, List<LabVm> vms,
                       LabFaults faults) {
    public LabState {
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
        faults = faults == null ? LabFaults.NONE : faults; // state files from before faults existed
    }

    LabState with(double newSpeed, List<LabHost> newHosts, List<LabVm> newVms, LabFaults newFaults) {
        return new LabState(engineFqdn, engineVersion, clusterId, clusterName, clusterVersion, newSpeed, newHosts,
                newVms, newFaults);
    }
}
