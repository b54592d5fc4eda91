package org.heshell.model;

/** VM states as the API reports them. */
public enum VmStatus {
    UP, DOWN, MIGRATING, POWERING_UP, POWERING_DOWN, PAUSED, SUSPENDED, NOT_RESPONDING, REBOOT_IN_PROGRESS,
    WAIT_FOR_LAUNCH, IMAGE_LOCKED, SAVING_STATE, RESTORING_STATE, UNASSIGNED, UNKNOWN;

    public String label() {
        String s = name().toLowerCase().replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public static VmStatus fromApi(String value) {
        return ApiEnum.parse(VmStatus.class, value, UNKNOWN);
    }
}
