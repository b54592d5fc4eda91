package org.heshell.lab;

import java.util.List;

/**
 * A physical machine of the lab (or the engine VM), whatever the Manager thinks of it: its FQDN, addresses,
 * operating system version (os-release VERSION_ID of RHEL) and the cluster networks configured on its second NIC
 * (eth1) besides ovirtmgmt. Machines answer SSH; a machine the Manager has no record of (host4) is the spare for the
 * "new host" restore.
 */
public record LabMachine(String fqdn, List<String> ips, String os, List<String> networks) {
    /** The NIC that carries the cluster's networks other than ovirtmgmt. */
    static final String DATA_NIC = "eth1";

    public LabMachine {
        ips = List.copyOf(ips);
        networks = networks == null ? List.of() : List.copyOf(networks); // machines from before networks existed
    }

    public LabMachine(String fqdn, List<String> ips, String os) {
        this(fqdn, ips, os, List.of());
    }

    LabMachine withOs(String newOs) {
        return new LabMachine(fqdn, ips, newOs, networks);
    }

    LabMachine withNetworks(List<String> newNetworks) {
        return new LabMachine(fqdn, ips, os, newNetworks);
    }

    /** The running kernel's release, as `uname -r` prints it: RHEL 8.10's or 9.4's. */
    String kernel() {
        return os.startsWith("9") ? "5.14.0-427.13.1.el9_4.x86_64" : "4.18.0-553.el8_10.x86_64";
    }

    /** os-release's PRETTY_NAME. */
    String prettyName() {
        return "Red Hat Enterprise Linux " + os + " (" + (os.startsWith("9") ? "Plow" : "Ootpa") + ")";
    }
}
