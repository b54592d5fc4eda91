package org.heshell.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.heshell.model.EngineEvent;

/**
 * What the Manager itself says about its backups, from its audit log: engine-backup records each run (9024
 * started, 9025 completed, 9026 failed, one row per scope), and the engine's backup awareness check raises an alert
 * when there is no full backup (9022) or the newest is too old (9023). {@code unreadable} says why the events could
 * not be read (the Manager did not answer); the other fields are then null.
 */
public record EngineBackupEvents(String engine, EngineEvent newestCompleted, EngineEvent newestFailed,
                                 EngineEvent newestAlert, String unreadable) {
    // AuditLogType in ovirt-engine's backend (common/AuditLogType.java)
    public static final int NO_FULL_BACKUP = 9022;
    public static final int NO_WARM_BACKUP = 9023;
    public static final int BACKUP_STARTED = 9024;
    public static final int BACKUP_COMPLETED = 9025;
    public static final int BACKUP_FAILED = 9026;
    /** The searches that find the newest of each, in the engine's search language (one request each, max 1). */
    public static final String COMPLETED = "type=" + BACKUP_COMPLETED;
    public static final String FAILED = "type=" + BACKUP_FAILED;
    public static final String ALERTS = "type=" + NO_FULL_BACKUP + " or type=" + NO_WARM_BACKUP;

    public static EngineBackupEvents unreadable(String engine, String why) {
        return new EngineBackupEvents(engine, null, null, null, why);
    }

    public boolean readable() {
        return unreadable == null;
    }

    /** The failure when it is newer than the newest completed run: the engine's last word on its backup. */
    public EngineEvent currentFailure() {
        return newestFailed != null && newer(newestFailed, newestCompleted) ? newestFailed : null;
    }

    /** The alert when no backup completed since it was raised (a completed full backup answers it). */
    public EngineEvent currentAlert() {
        return newestAlert != null && newer(newestAlert, newestCompleted) ? newestAlert : null;
    }

    /**
     * What makes the check WARNING: a failed last run, a standing alert. Never CRITICAL: the catalog's backups,
     * the ones a restore uses, decide that; the engine's word confirms or warns.
     */
    public List<String> problems(Instant now) {
        List<String> out = new ArrayList<>();
        EngineEvent failure = currentFailure();
        if (failure != null) {
            out.add("the engine's newest engine-backup failed " + ago(failure, now) + " (event " + failure.code() + ")");
        }
        EngineEvent alert = currentAlert();
        if (alert != null) {
            out.add("the engine alerts " + (alert.code() == NO_FULL_BACKUP ? "that it has no full backup"
                    : "that its full backup is too old") + " (event " + alert.code() + ", " + ago(alert, now) + ")");
        }
        return out;
    }

    /** The engine's side in a few words, when it raises no problem. */
    public String summary(Instant now) {
        if (!readable()) {
            return "the engine's events could not be read: " + unreadable;
        }
        if (newestCompleted == null) {
            return "the engine records no completed engine-backup";
        }
        return "the engine's newest engine-backup completed " + ago(newestCompleted, now);
    }

    private static boolean newer(EngineEvent a, EngineEvent b) {
        if (b == null) {
            return true;
        }
        // ids only grow in the audit log; times can tie within a second
        return a.id() > b.id();
    }

    private static String ago(EngineEvent e, Instant now) {
        return e.time() == null ? "at an unknown time" : BackupHealth.human(Duration.between(e.time(), now)) + " ago";
    }
}
