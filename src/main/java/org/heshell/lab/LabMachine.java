package org.heshell.lab;

import java.util.List;

/**
 * A physical machine of the lab (or the engine VM), whatever the Manager thinks of it: its FQDN, addresses and
 * operating system version (os-release VERSION_ID of RHEL). Machines answer SSH; a machine the Manager has no
 * record of (host4) is the spare for the "new host" restore.
 */
public record LabMachine(String fqdn, List<String> ips, String os) {
    public LabMachine {
        ips = List.copyOf(ips);
    }

    LabMachine withOs(String newOs) {
        return new LabMachine(fqdn, ips, newOs);
    }
}
