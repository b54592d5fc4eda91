package org.heshell.model;

/** A virtual machine; {@code hostId} is null when it runs nowhere. {@code engine} marks the hosted-engine VM. */
public record Vm(String id, String name, VmStatus status, String hostId, long memoryBytes, boolean engine) {
}
