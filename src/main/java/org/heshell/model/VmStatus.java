package org.heshell.model;

/** VM states as the API reports them. */
public enum VmStatus {
    UP, DOWN, MIGRATING, POWERING_UP, POWERING_DOWN, PAUSED, SUSPENDED, NOT_RESPONDING, REBOOT_IN_PROGRESS,
    WAIT_FOR_LAUNCH, IMAGE_LOCKED, SAVING_STATE, RESTORING_STATE, UNASSIGNED, UNKNOWN;

    public String label() {
        String s = name().toLowerCase().replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Whether the VM occupies its host (counts as load for the failover-host rule). */
    public boolean runs() {
        return this != DOWN && this != SUSPENDED && this != UNASSIGNED && this != UNKNOWN && this != IMAGE_LOCKED;
    }

    public static VmStatus fromApi(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(value.toUpperCase());
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
