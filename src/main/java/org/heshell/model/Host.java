package org.heshell.model;

import java.util.List;

/**
 * A host as the Manager knows it. {@code address} is the FQDN or IP the Manager uses to reach it
 * (vds_static.host_name); {@code uniqueId} is vds_unique_id (the hardware UUID); {@code os} the operating system
 * as the host reported it (vds_dynamic.host_os, e.g. "RHEL - 8.10 - 1.el8"), empty when unknown.
 */
public record Host(String id, String name, String address, List<String> ips, String uniqueId, HostStatus status,
                   String cluster, long memoryBytes, HostedEngineInfo hostedEngine, String os) {
    public Host {
        ips = List.copyOf(ips);
        os = os == null ? "" : os;
    }

    /** True when {@code identifier} is this host's name, FQDN (case-insensitive) or one of its IPs. */
    public boolean isKnownAs(String identifier) {
        return name.equals(identifier) || address.equalsIgnoreCase(identifier) || ips.contains(identifier);
    }
}
