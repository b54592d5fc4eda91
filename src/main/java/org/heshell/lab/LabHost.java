package org.heshell.lab;

import java.util.List;

/** A host in the lab's world, as stored in the lab's state file. Status names are the API's. */
public record LabHost(String id, String name, String address, List<String> ips, String uniqueId, String status,
                      long memoryMb, boolean heConfigured, int heScore, boolean heLocalMaintenance) {
    public LabHost {
        ips = List.copyOf(ips);
    }

    LabHost withStatus(String newStatus) {
        return new LabHost(id, name, address, ips, uniqueId, newStatus, memoryMb, heConfigured, heScore,
                heLocalMaintenance);
    }

    LabHost withHostedEngine(int score, boolean localMaintenance) {
        return new LabHost(id, name, address, ips, uniqueId, status, memoryMb, heConfigured, score, localMaintenance);
    }

    boolean up() {
        return "up".equals(status);
    }

    /**
     * Whether the hosted-engine HA agent runs and reports: on a configured host whose VDSM answers, in maintenance
     * (local maintenance is the agent's own state) as well as Up; not while it installs, reboots or is unreachable.
     */
    boolean haAgentRuns() {
        return heConfigured && java.util.List.of("up", "maintenance", "preparing_for_maintenance", "non_operational",
                "unassigned", "initializing").contains(status);
    }
}
