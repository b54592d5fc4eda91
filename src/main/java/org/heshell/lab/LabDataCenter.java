package org.heshell.lab;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The lab's data center, Default, with its storage: the hosted-engine storage domain {@code hosted_storage} (where
 * the engine VM's disk and the HA agents' metadata live) and one data domain for the other VMs, both NFS and both
 * attached. Its ids follow from the cluster's, so a restored engine (whose backup keeps the cluster) has the same.
 * What is up follows the hosts: with no host Up there is no SPM and the data center is not responding.
 */
record LabDataCenter(String id, String name, String clusterVersion, List<Domain> domains, String spmHostId) {
    static final String STORAGE_SERVER = "192.0.2.5";
    /** The exports of the lab's storage server that hold domains from the start: hosted_storage's and data's. */
    static final String HOSTED_STORAGE_PATH = "/exports/hosted_storage";
    static final String DATA_PATH = "/exports/data";
    private static final long GIB = 1024L * 1024 * 1024;

    /** A storage domain as the lab has it: sizes in bytes, the NFS export it lives on. */
    record Domain(String id, String name, boolean master, String path, long available, long used, long committed,
                  boolean lost) {
    }

    static LabDataCenter of(LabState s) {
        String dc = id("datacenter", s.clusterId());
        // hosted_storage gone: the engine makes the data domain master (reconstruct); a restore onto new storage
        // renames the old domain hosted_storage_old_STAMP (the role's restore_backup.yml) and creates a new one.
        String fate = s.site().hostedStorage();
        boolean gone = !fate.equals(LabSite.STORAGE_OK);
        List<Domain> domains = new java.util.ArrayList<>();
        // "replaced STAMP [SERVER:/PATH]": when, and where the new one is (older state files name no place)
        String[] replaced = fate.startsWith(LabSite.STORAGE_REPLACED) ? fate.split(" ") : null;
        if (replaced != null) {
            String path = replaced.length > 2 ? replaced[2].substring(replaced[2].indexOf(':') + 1)
                    : "/exports/hosted_storage_new";
            domains.add(new Domain(id("storage:hosted_storage:new", s.clusterId()), "hosted_storage", false,
                    path, 38 * GIB, 61 * GIB, 58 * GIB, false));
        }
        domains.add(new Domain(id("storage:hosted_storage", s.clusterId()), replaced != null
                ? "hosted_storage_old_" + (replaced.length > 1 ? replaced[1] : "") : "hosted_storage",
                !gone, HOSTED_STORAGE_PATH, gone ? 0 : 38 * GIB, gone ? 0 : 61 * GIB, 58 * GIB, gone));
        domains.add(new Domain(id("storage:data", s.clusterId()), "data", gone, DATA_PATH, 412 * GIB, 87 * GIB,
                24L * s.vms().stream().filter(v -> !v.engine()).count() * GIB, false));
        // The SPM: the first host that is Up (or still preparing for maintenance), as the engine elects one.
        String spm = s.hosts().stream().filter(h -> h.up() || "preparing_for_maintenance".equals(h.status()))
                .map(LabHost::id).findFirst().orElse(null);
        return new LabDataCenter(dc, "Default", s.clusterVersion(), domains, spm);
    }

    /** up while a host holds the SPM role; problematic (the engine's NonResponsive) without one. */
    String status() {
        return spmHostId != null ? "up" : "problematic";
    }

    /**
     * An attached domain's status in the data center: active while the data center is up; a domain no host can see
     * is inactive (the engine deactivates it: SYSTEM_DEACTIVATED_STORAGE_DOMAIN).
     */
    String domainStatus(Domain d) {
        return d.lost() ? "inactive" : spmHostId != null ? "active" : "unknown";
    }

    private static String id(String kind, String clusterId) {
        return UUID.nameUUIDFromBytes((kind + ":" + clusterId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
