package org.heshell.restore;

import java.nio.file.Path;
import java.util.List;

/**
 * A restore checked against the procedure: the backup (catalog id or file), the deploying host as asked and as
 * found, the old host record to remove before synchronization (empty when none), the findings, and the steps.
 * Blocked when any finding blocks; then the steps are what would run once the blockers are fixed.
 */
public record RestorePlan(String backup, Path backupFile, long backupSize, String engineFqdn, String deployOn,
                          String deployFqdn, String hostName, String oldRecord, List<Finding> findings,
                          List<PlanStep> steps) {
    public RestorePlan {
        findings = List.copyOf(findings);
        steps = List.copyOf(steps);
    }

    public boolean blocked() {
        return findings.stream().anyMatch(f -> f.level() == Finding.Level.BLOCK);
    }

    public List<Finding> blockers() {
        return findings.stream().filter(f -> f.level() == Finding.Level.BLOCK).toList();
    }
}
