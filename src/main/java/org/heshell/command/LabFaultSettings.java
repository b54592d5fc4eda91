package org.heshell.command;

/** Faults of the lab's machines, as the lab's control resource speaks of them (0 or false: none). */
public record LabFaultSettings(long dropAfterBytes, int slowKbps, boolean diskFull) {
    public static final LabFaultSettings NONE = new LabFaultSettings(0, 0, false);

    public String describe() {
        StringBuilder s = new StringBuilder();
        if (slowKbps > 0) {
            s.append("SFTP slowed to ").append(slowKbps).append(" KiB/s; ");
        }
        if (dropAfterBytes > 0) {
            s.append("connections dropped after ").append(dropAfterBytes).append(" bytes of SFTP; ");
        }
        if (diskFull) {
            s.append("the engine VM's disk is full; ");
        }
        return s.length() == 0 ? "none" : s.substring(0, s.length() - 2);
    }
}
