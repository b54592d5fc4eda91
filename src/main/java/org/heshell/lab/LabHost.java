package org.heshell.lab;

import java.util.List;

/**
 * A host in the lab's world, as stored in the lab's state file. Status names are the API's. {@code
 * nonOperationalReason} is why the engine set it Non Operational, as vds_dynamic keeps it (NonOperationalReason's
 * name, e.g. NETWORK_UNREACHABLE; null for none): the engine's auto-recovery reads it from the database, so it
 * survives a restart.
 */
public record LabHost(String id, String name, String address, List<String> ips, String uniqueId, String status,
                      long memoryMb, boolean heConfigured, int heScore, boolean heLocalMaintenance,
                      String nonOperationalReason) {
    /** NonOperationalReason.NETWORK_UNREACHABLE: a network the cluster requires is missing on the host. */
    static final String NETWORK_UNREACHABLE = "NETWORK_UNREACHABLE";

    public LabHost {
        ips = List.copyOf(ips);
        nonOperationalReason = "non_operational".equals(status) ? nonOperationalReason : null;
    }

    LabHost withStatus(String newStatus) {
        return new LabHost(id, name, address, ips, uniqueId, newStatus, memoryMb, heConfigured, heScore,
                heLocalMaintenance, nonOperationalReason);
    }

    /** Non Operational for {@code reason} (SetNonOperationalVds), with no HA score: the host cannot run the engine. */
    LabHost nonOperational(String reason) {
        return new LabHost(id, name, address, ips, uniqueId, "non_operational", memoryMb, heConfigured, 0,
                heLocalMaintenance, reason);
    }

    LabHost withHostedEngine(int score, boolean localMaintenance) {
        return new LabHost(id, name, address, ips, uniqueId, status, memoryMb, heConfigured, score, localMaintenance,
                nonOperationalReason);
    }

    /** Whether the engine's auto-recovery looks at it: Non Operational for a reason it recovers from. */
    boolean autoRecoverable() {
        return NETWORK_UNREACHABLE.equals(nonOperationalReason);
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
