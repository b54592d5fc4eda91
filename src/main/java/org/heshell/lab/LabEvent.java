package org.heshell.lab;

/**
 * One entry of the lab engine's audit log, as the engine records it: an id that only grows, the AuditLogType code
 * of what happened, its severity (normal, warning, error, alert), the message, the host or VM it concerns and the
 * user whose command it was ({@code user} null for what the engine does by itself).
 */
public record LabEvent(long id, int code, String severity, String description, String time, String hostId,
                       String hostName, String vmId, String vmName, String user) {
    // The AuditLogType codes of ovirt-engine the lab records (backend/.../common/AuditLogType.java).
    static final int VDS_FAILURE = 12;
    static final int VDS_MAINTENANCE = 15;
    static final int VDS_ACTIVATE = 16;
    static final int USER_RUN_VM = 32;
    static final int USER_STOP_VM = 33;
    static final int USER_ADD_VDS = 42;
    static final int USER_REMOVE_VDS = 44;
    static final int VM_DOWN = 61;
    static final int VM_MIGRATION_START = 62;
    static final int VM_MIGRATION_DONE = 63;
    static final int VM_MIGRATION_START_SYSTEM_INITIATED = 67;
    static final int USER_INITIATED_SHUTDOWN_VM = 73;
    static final int VM_SET_TO_UNKNOWN_STATUS = 142;
    static final int USER_STARTED_VM = 153;
    static final int USER_VDS_MAINTENANCE = 600;
    static final int USER_VDS_MAINTENANCE_WITHOUT_REASON = 620;
    static final int USER_VDS_MAINTENANCE_MIGRATION_FAILED = 602;
    static final int VDS_INSTALL = 504;
    static final int VDS_INSTALL_FAILED = 505;
    static final int VDS_SET_NONOPERATIONAL_NETWORK = 519;
    static final int VDS_ACTIVATE_ASYNC = 9502;
    static final int ENGINE_NO_FULL_BACKUP = 9022;
    static final int ENGINE_NO_WARM_BACKUP = 9023;
    static final int ENGINE_BACKUP_STARTED = 9024;
    static final int ENGINE_BACKUP_COMPLETED = 9025;
    static final int ENGINE_BACKUP_FAILED = 9026;
    static final int VDS_HOST_NOT_RESPONDING = 9027;

    /** The severities in the engine's order (AuditLogSeverity: 0, 1, 2, 10), as search compares them. */
    static final java.util.List<String> SEVERITIES = java.util.List.of("normal", "warning", "error", "alert");
}
