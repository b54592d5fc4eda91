package org.heshell.lab;

/**
 * A VM in the lab's world. While it migrates, {@code status} is "migrating", {@code hostId} is still the source
 * (as the real API shows it) and {@code migratingTo} holds the destination, whose memory is already reserved.
 */
public record LabVm(String id, String name, String status, String hostId, String migratingTo, long memoryMb,
                    boolean engine, String fqdn) {

    LabVm migrating(String target) {
        return new LabVm(id, name, "migrating", hostId, target, memoryMb, engine, fqdn);
    }

    LabVm arrived() {
        return new LabVm(id, name, "up", migratingTo, null, memoryMb, engine, fqdn);
    }

    LabVm stayed() {
        return new LabVm(id, name, "up", hostId, null, memoryMb, engine, fqdn);
    }
}
