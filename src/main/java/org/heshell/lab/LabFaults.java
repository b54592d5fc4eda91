package org.heshell.lab;

/**
 * Faults injected into the lab's machines, for lessons and tests: SFTP transfers dropped after a number of bytes
 * or slowed to a rate, and a full disk on the engine VM. Zero or false means no such fault.
 */
public record LabFaults(long dropAfterBytes, int slowKbps, boolean diskFull) {
    public static final LabFaults NONE = new LabFaults(0, 0, false);

    public boolean any() {
        return !equals(NONE);
    }
}
