package org.heshell.backup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heshell.model.Cluster;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.HostedEngineInfo;
import org.heshell.model.Vm;
import org.heshell.model.VmStatus;

/**
 * Collects, from the engine database's tables as they stream past, just the columns heshell needs, found by name
 * (real dumps have hundreds of tables and columns that vary by version), and builds the environment from them.
 */
final class EngineDatabase implements TableRows {
    private final Map<String, String[]> hostStatic = new LinkedHashMap<>();   // vds_id -> name, address, uid, cluster
    private final Map<String, Integer> hostStatus = new HashMap<>();
    private final Map<String, String> hostOs = new HashMap<>();
    private final Map<String, HostedEngineInfo> hostHa = new HashMap<>();
    private final Map<String, List<String>> hostIps = new HashMap<>();
    private final Map<String, String[]> vmStatic = new LinkedHashMap<>();     // vm_guid -> name, origin, memory
    private final Map<String, String[]> vmDynamic = new HashMap<>();          // vm_guid -> status, run_on_vds
    private final Map<String, String[]> clusters = new LinkedHashMap<>();     // cluster_id -> name, version
    private String schemaVersion;
    private int addresses;
    private final List<String> tablesSeen = new ArrayList<>();

    private static final java.util.Set<String> TABLES = java.util.Set.of("vds_static", "vds_dynamic",
            "vds_statistics", "vds_interface", "vm_static", "vm_dynamic", "cluster", "vds_groups", "schema_version");

    @Override
    public boolean wants(String schema, String table) {
        return "public".equals(schema) && TABLES.contains(table);
    }

    @Override
    public RowSink open(String schema, String table, List<String> columns) {
        if (!"public".equals(schema)) {
            return null;
        }
        tablesSeen.add(table);
        Columns c = new Columns(table, columns);
        return switch (table) {
            case "vds_static" -> {
                int id = c.need("vds_id");
                int name = c.need("vds_name");
                int address = c.need("host_name");
                int uid = c.index("vds_unique_id");
                int cluster = c.index("cluster_id");
                yield row -> bounded(hostStatic, ArchiveLimits.MAX_HOSTS, "hosts").put(row[id],
                        new String[] {row[name], row[address], c.get(row, uid), c.get(row, cluster)});
            }
            case "vds_dynamic" -> {
                int id = c.need("vds_id");
                int status = c.need("status");
                int os = c.index("host_os");
                yield row -> {
                    bounded(hostStatus, ArchiveLimits.MAX_HOSTS, "hosts").put(row[id], integer(row[status], -1));
                    if (c.get(row, os) != null) {
                        hostOs.put(row[id], row[os]);
                    }
                };
            }
            case "vds_statistics" -> {
                int id = c.need("vds_id");
                int configured = c.index("ha_configured");
                int active = c.index("ha_active");
                int score = c.index("ha_score");
                int local = c.index("ha_local_maintenance");
                int global = c.index("ha_global_maintenance");
                yield row -> bounded(hostHa, ArchiveLimits.MAX_HOSTS, "hosts").put(row[id], new HostedEngineInfo(
                        bool(c.get(row, configured)), bool(c.get(row, active)), integer(c.get(row, score), 0),
                        bool(c.get(row, local)), bool(c.get(row, global))));
            }
            case "vds_interface" -> {
                int id = c.need("vds_id");
                int addr = c.need("addr");
                yield row -> {
                    if (row[addr] != null && !row[addr].isBlank()) {
                        if (++addresses > ArchiveLimits.MAX_INTERFACES) {
                            throw ArchiveLimits.exceeded("table vds_interface", "more than "
                                    + ArchiveLimits.MAX_INTERFACES + " addresses", ArchiveLimits.MAX_INTERFACES
                                    + " addresses");
                        }
                        bounded(hostIps, ArchiveLimits.MAX_HOSTS, "hosts")
                                .computeIfAbsent(row[id], k -> new ArrayList<>()).add(row[addr]);
                    }
                };
            }
            case "vm_static" -> {
                int id = c.need("vm_guid");
                int name = c.need("vm_name");
                int origin = c.index("origin");
                int memory = c.index("mem_size_mb");
                int entity = c.index("entity_type");
                yield row -> {
                    // vm_static also holds templates and instance types; only VMs are VMs
                    if (entity < 0 || "VM".equals(row[entity])) {
                        bounded(vmStatic, ArchiveLimits.MAX_VMS, "VMs").put(row[id], new String[] {row[name],
                                c.get(row, origin), c.get(row, memory)});
                    }
                };
            }
            case "vm_dynamic" -> {
                int id = c.need("vm_guid");
                int status = c.need("status");
                int host = c.index("run_on_vds");
                yield row -> bounded(vmDynamic, ArchiveLimits.MAX_VMS, "VMs").put(row[id],
                        new String[] {row[status], c.get(row, host)});
            }
            case "cluster", "vds_groups" -> {
                int id = c.index("cluster_id") >= 0 ? c.need("cluster_id") : c.need("vds_group_id");
                int name = c.need("name");
                int version = c.index("compatibility_version");
                yield row -> bounded(clusters, ArchiveLimits.MAX_CLUSTERS, "clusters").put(row[id],
                        new String[] {row[name], c.get(row, version)});
            }
            case "schema_version" -> {
                int version = c.need("version");
                int state = c.index("state");
                yield row -> {
                    if ((state < 0 || "INSTALLED".equals(row[state])) && row[version] != null
                            && (schemaVersion == null || row[version].compareTo(schemaVersion) > 0)) {
                        schemaVersion = row[version];
                    }
                };
            }
            default -> null;
        };
    }

    /** The map, refused in one line when it already holds as many as the limit allows. */
    private static <K, V> Map<K, V> bounded(Map<K, V> map, int limit, String what) {
        if (map.size() >= limit) {
            throw ArchiveLimits.exceeded("the engine database", "more than " + limit + " " + what, limit + " "
                    + what);
        }
        return map;
    }

    boolean sawEngineTables() {
        return tablesSeen.contains("vds_static") && tablesSeen.contains("vm_static");
    }

    String schemaVersion() {
        return schemaVersion;
    }

    Environment environment(String engineFqdn, String engineVersion) {
        Map<String, String> clusterNames = new HashMap<>();
        List<Cluster> clusterList = new ArrayList<>();
        clusters.forEach((id, c) -> {
            clusterNames.put(id, c[0]);
            clusterList.add(new Cluster(id, c[0], c[1]));
        });
        List<Host> hosts = new ArrayList<>();
        hostStatic.forEach((id, s) -> hosts.add(new Host(id, s[0], s[1], hostIps.getOrDefault(id, List.of()),
                s[2] == null ? "" : s[2], DbCodes.host(hostStatus.getOrDefault(id, -1)),
                s[3] == null ? "" : clusterNames.getOrDefault(s[3], s[3]), 0,
                hostHa.getOrDefault(id, HostedEngineInfo.NONE), hostOs.get(id))));
        List<Vm> vms = new ArrayList<>();
        vmStatic.forEach((id, s) -> {
            String[] d = vmDynamic.get(id);
            VmStatus status = d == null ? VmStatus.DOWN : DbCodes.vm(integer(d[0], -1));
            String host = d == null || d[1] == null || d[1].isEmpty() ? null : d[1];
            int origin = integer(s[1], 0);
            vms.add(new Vm(id, s[0], status, status == VmStatus.DOWN ? null : host,
                    (long) integer(s[2], 0) * 1024 * 1024, origin == 5 || origin == 6));
        });
        return new Environment(engineFqdn, engineVersion, hosts, vms, clusterList);
    }

    private static int integer(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static boolean bool(String s) {
        return "t".equals(s) || "true".equals(s);
    }

    /** A table's columns by name. */
    private record Columns(String table, List<String> names) {
        int index(String name) {
            return names.indexOf(name);
        }

        int need(String name) {
            int i = names.indexOf(name);
            if (i < 0) {
                throw new BackupFormatException("table " + table + " has no column " + name
                        + "; this dump is not of an oVirt engine database heshell knows");
            }
            return i;
        }

        String get(String[] row, int index) {
            return index < 0 ? null : row[index];
        }
    }
}
