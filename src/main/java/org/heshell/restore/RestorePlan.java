package org.heshell.restore;

import java.nio.file.Path;
import java.util.List;

/**
 * A restore checked against the procedure: the backup (catalog id or file), the deploying host as asked and as
 * found, the old host record to remove before synchronization (empty when none), the findings, and the steps.
 * Blocked when any finding blocks; then the steps are what would run once the blockers are fixed. {@code storage} is
 * the new storage the engine VM is deployed on (an NFS export, SERVER:/PATH), null to let the deployment use what
 * it is given on the host.
 */
public record RestorePlan(String backup, Path backupFile, long backupSize, String engineFqdn, String deployOn,
                          String deployFqdn, String hostName, String oldRecord, List<Finding> findings,
                          List<PlanStep> steps, String storage) {
    public RestorePlan {
        findings = List.copyOf(findings);
        steps = List.copyOf(steps);
    }

    /** A plan that names no new storage. */
    public RestorePlan(String backup, Path backupFile, long backupSize, String engineFqdn, String deployOn,
                       String deployFqdn, String hostName, String oldRecord, List<Finding> findings,
                       List<PlanStep> steps) {
        this(backup, backupFile, backupSize, engineFqdn, deployOn, deployFqdn, hostName, oldRecord, findings, steps,
                null);
    }

    public boolean blocked() {
        return findings.stream().anyMatch(f -> f.level() == Finding.Level.BLOCK);
    }

    public List<Finding> blockers() {
        return findings.stream().filter(f -> f.level() == Finding.Level.BLOCK).toList();
    }
}
