package org.heshell.model;

/** Host states as the Manager reports them (vds_dynamic.status); the API names are the lower-case forms. */
public enum HostStatus {
    UNASSIGNED, DOWN, MAINTENANCE, UP, NON_RESPONSIVE, ERROR, INSTALLING, INSTALL_FAILED, REBOOT,
    PREPARING_FOR_MAINTENANCE, NON_OPERATIONAL, PENDING_APPROVAL, INITIALIZING, CONNECTING, UNKNOWN;

    /** The name an administrator sees in the Administration Portal, e.g. "Non Operational". */
    public String label() {
        return switch (this) {
            case UP -> "Up";
            case DOWN -> "Down";
            case MAINTENANCE -> "Maintenance";
            case PREPARING_FOR_MAINTENANCE -> "Preparing for Maintenance";
            case NON_OPERATIONAL -> "Non Operational";
            case NON_RESPONSIVE -> "Non Responsive";
            case INSTALL_FAILED -> "Install Failed";
            case PENDING_APPROVAL -> "Pending Approval";
            default -> name().charAt(0) + name().substring(1).toLowerCase().replace('_', ' ');
        };
    }

    /** Parses the API form ("preparing_for_maintenance"); anything new to us is UNKNOWN, not an error. */
    public static HostStatus fromApi(String value) {
        return ApiEnum.parse(HostStatus.class, value, UNKNOWN);
    }
}
