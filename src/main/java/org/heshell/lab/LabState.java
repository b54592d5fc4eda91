package org.heshell.lab;

import java.util.List;

/** Everything the lab persists: the environment and its settings. Written to {@code state.json} after each change. */
public record LabState(String engineFqdn, String engineVersion, String clusterId, String clusterName,
                       String clusterVersion, double speed, List<LabHost> hosts, List<LabVm> vms) {
    public LabState {
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
    }

    LabState with(double newSpeed, List<LabHost> newHosts, List<LabVm> newVms) {
        return new LabState(engineFqdn, engineVersion, clusterId, clusterName, clusterVersion, newSpeed, newHosts,
                newVms);
    }
}
