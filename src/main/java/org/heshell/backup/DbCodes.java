package org.heshell.backup;

import org.heshell.model.HostStatus;
import org.heshell.model.VmStatus;

/** The engine database's status codes (VDSStatus, VMStatus) in the model's terms. */
public final class DbCodes {
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

    /** The code the engine stores for a host status; the inverse of {@link #host}. */
    public static int code(HostStatus status) {
        for (int i = 0; i < HOSTS.length; i++) {
            if (HOSTS[i] == status) {
                return i;
            }
        }
        return 0;
    }

    /** The code the engine stores for a VM status (a migrating VM is MigratingFrom on its source). */
    public static int code(VmStatus status) {
        return switch (status) {
            case DOWN -> 0;
            case UP -> 1;
            case POWERING_UP -> 2;
            case PAUSED -> 4;
            case MIGRATING -> 5;
            case NOT_RESPONDING -> 8;
            case WAIT_FOR_LAUNCH -> 9;
            case REBOOT_IN_PROGRESS -> 10;
            case SAVING_STATE -> 11;
            case RESTORING_STATE -> 12;
            case SUSPENDED -> 13;
            case IMAGE_LOCKED -> 15;
            case POWERING_DOWN -> 16;
            default -> 7;
        };
    }
}
