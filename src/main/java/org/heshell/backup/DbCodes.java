package org.heshell.backup;

import org.heshell.model.HostStatus;
import org.heshell.model.VmStatus;

/** The engine database's status codes (VDSStatus, VMStatus) in the model's terms. */
final class DbCodes {
    private static final HostStatus[] HOSTS = {HostStatus.UNASSIGNED, HostStatus.DOWN, HostStatus.MAINTENANCE,
        HostStatus.UP, HostStatus.NON_RESPONSIVE, HostStatus.ERROR, HostStatus.INSTALLING, HostStatus.INSTALL_FAILED,
        HostStatus.REBOOT, HostStatus.PREPARING_FOR_MAINTENANCE, HostStatus.NON_OPERATIONAL,
        HostStatus.PENDING_APPROVAL, HostStatus.INITIALIZING, HostStatus.CONNECTING};

    private DbCodes() {
    }

    static HostStatus host(int code) {
        return code >= 0 && code < HOSTS.length ? HOSTS[code] : HostStatus.UNKNOWN;
    }

    static VmStatus vm(int code) {
        return switch (code) {
            case 0 -> VmStatus.DOWN;
            case 1 -> VmStatus.UP;
            case 2 -> VmStatus.POWERING_UP;
            case 4 -> VmStatus.PAUSED;
            case 5, 6 -> VmStatus.MIGRATING;
            case 8 -> VmStatus.NOT_RESPONDING;
            case 9 -> VmStatus.WAIT_FOR_LAUNCH;
            case 10 -> VmStatus.REBOOT_IN_PROGRESS;
            case 11 -> VmStatus.SAVING_STATE;
            case 12 -> VmStatus.RESTORING_STATE;
            case 13 -> VmStatus.SUSPENDED;
            case 15 -> VmStatus.IMAGE_LOCKED;
            case 16 -> VmStatus.POWERING_DOWN;
            default -> VmStatus.UNKNOWN;
        };
    }
}
