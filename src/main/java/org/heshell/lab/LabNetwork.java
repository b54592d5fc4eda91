package org.heshell.lab;

/**
 * A logical network of the lab's cluster besides ovirtmgmt (e.g. a storage network). A {@code required} one must be
 * attached on every host of the cluster: a host without it goes Non Operational, as the engine decides.
 */
public record LabNetwork(String name, boolean required) {
}
