package org.heshell.lab;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The lab's world as the engine's REST API represents it, following ovirt-engine's restapi mappers (HostMapper,
 * EventMapper, DataCenterMapper, StorageDomainMapper) and the links and actions the engine adds to each object.
 * The element order is the schema's, which {@link LabXml} applies when it writes.
 */
final class LabApiModel {
    static final String API = "/ovirt-engine/api";
    private static final long MIB = 1024L * 1024;
    /** The blank template and the root tag: the engine's special objects, the null GUID. */
    private static final String NULL_ID = "00000000-0000-0000-0000-000000000000";

    // The sub-collections and actions of each service, as the API model's services declare them.
    private static final List<String> HOST_LINKS = List.of("affinitylabels", "cpuunits", "devices",
            "externalnetworkproviderconfigurations", "fenceagents", "hooks", "katelloerrata", "networkattachments",
            "nics", "numanodes", "permissions", "statistics", "storage", "storageconnectionextensions", "tags",
            "unmanagednetworks");
    private static final List<String> HOST_ACTIONS = List.of("activate", "approve", "commitnetconfig",
            "copyhostnetworks", "deactivate", "discoveriscsi", "enrollcertificate", "fence", "forceselectspm",
            "install", "iscsidiscover", "iscsilogin", "refresh", "setupnetworks", "syncallnetworks",
            "unregisteredstoragedomainsdiscover", "upgrade", "upgradecheck");
    private static final List<String> VM_LINKS = List.of("affinitylabels", "applications", "cdroms",
            "diskattachments", "graphicsconsoles", "hostdevices", "katelloerrata", "mediateddevices", "nics",
            "numanodes", "permissions", "reporteddevices", "sessions", "snapshots", "statistics", "tags", "watchdogs");
    private static final List<String> VM_ACTIONS = List.of("autopincpuandnumanodes", "cancelmigration", "clone",
            "commitsnapshot", "detach", "export", "freezefilesystems", "logon", "maintenance", "migrate",
            "previewsnapshot", "reboot", "reordermacaddresses", "reset", "screenshot", "shutdown", "start", "stop",
            "suspend", "thawfilesystems", "ticket", "undosnapshot");
    private static final List<String> CLUSTER_LINKS = List.of("affinitygroups", "cpuprofiles", "enabledfeatures",
            "glusterhooks", "glustervolumes", "networkfilters", "networks", "permissions");
    private static final List<String> CLUSTER_ACTIONS = List.of("resetemulatedmachine");
    private static final List<String> DC_LINKS = List.of("clusters", "iscsibonds", "networks", "permissions", "qoss",
            "quotas", "storagedomains");
    private static final List<String> DC_ACTIONS = List.of("cleanfinishedtasks", "setmaster");
    /** A data domain's: the engine leaves out files and images (BackendStorageDomainResource.getLinksToExclude). */
    private static final List<String> SD_LINKS = List.of("diskprofiles", "disks", "disksnapshots", "permissions",
            "storageconnections", "templates", "vms");
    private static final List<String> SD_ACTIONS = List.of("isattached", "reduceluns", "refreshluns",
            "updateovfstore");
    private static final List<String> ATTACHED_SD_ACTIONS = List.of("activate", "deactivate");
    /** The API root's collections (ApiRootLinksCreator), and which of them search. */
    private static final List<String> ROOT_LINKS = List.of("clusters", "datacenters", "events", "hosts", "networks",
            "roles", "storagedomains", "tags", "bookmarks", "icons", "templates", "instancetypes", "users", "groups",
            "domains", "vmpools", "vms", "disks", "jobs", "storageconnections", "vnicprofiles", "diskprofiles",
            "cpuprofiles", "schedulingpolicyunits", "schedulingpolicies", "permissions", "macpools", "networkfilters",
            "operatingsystems", "externalhostproviders", "openstackimageproviders", "openstackvolumeproviders",
            "openstacknetworkproviders", "katelloerrata", "affinitylabels", "clusterlevels", "imagetransfers",
            "externalvmimports", "externaltemplateimports");
    private static final List<String> ROOT_SEARCHABLE = List.of("clusters", "datacenters", "events", "hosts",
            "networks", "storagedomains", "templates", "instancetypes", "users", "groups", "vmpools", "vms", "disks");

    /** The element of each sub-collection the lab links but holds nothing in (the engine's collection tags). */
    private static final Map<String, String> EMPTY_COLLECTIONS = Map.ofEntries(
            Map.entry("affinitylabels", "affinity_labels"), Map.entry("cpuunits", "host_cpu_units"),
            Map.entry("devices", "host_devices"),
            Map.entry("externalnetworkproviderconfigurations", "external_network_provider_configurations"),
            Map.entry("fenceagents", "agents"), Map.entry("hooks", "hooks"), Map.entry("katelloerrata",
                    "katello_errata"), Map.entry("networkattachments", "network_attachments"),
            Map.entry("permissions", "permissions"), Map.entry("statistics", "statistics"),
            Map.entry("storage", "host_storages"), Map.entry("storageconnectionextensions",
                    "storage_connection_extensions"), Map.entry("tags", "tags"),
            Map.entry("unmanagednetworks", "unmanaged_networks"), Map.entry("applications", "applications"),
            Map.entry("cdroms", "cdroms"), Map.entry("diskattachments", "disk_attachments"),
            Map.entry("graphicsconsoles", "graphics_consoles"), Map.entry("hostdevices", "host_devices"),
            Map.entry("mediateddevices", "vm_mediated_devices"), Map.entry("reporteddevices", "reported_devices"),
            Map.entry("sessions", "sessions"), Map.entry("snapshots", "snapshots"), Map.entry("watchdogs",
                    "watchdogs"), Map.entry("affinitygroups", "affinity_groups"), Map.entry("cpuprofiles",
                    "cpu_profiles"), Map.entry("enabledfeatures", "cluster_features"),
            Map.entry("glusterhooks", "gluster_hooks"), Map.entry("glustervolumes", "gluster_volumes"),
            Map.entry("networkfilters", "network_filters"), Map.entry("networks", "networks"),
            Map.entry("iscsibonds", "iscsi_bonds"), Map.entry("qoss", "qoss"), Map.entry("quotas", "quotas"),
            Map.entry("diskprofiles", "disk_profiles"), Map.entry("disks", "disks"),
            Map.entry("disksnapshots", "disk_snapshots"), Map.entry("storageconnections", "storage_connections"),
            Map.entry("templates", "templates"), Map.entry("vms", "vms"));

    private LabApiModel() {
    }

    /**
     * The empty collection element a {@code collection}'s object answers for its sub-collection {@code rel}, as
     * an engine with nothing there does; null when the object has no such link.
     */
    static String emptySubCollection(String collection, String rel) {
        List<String> links = switch (collection) {
            case "hosts" -> HOST_LINKS;
            case "vms" -> VM_LINKS;
            case "clusters" -> CLUSTER_LINKS;
            case "datacenters" -> DC_LINKS;
            case "storagedomains" -> SD_LINKS;
            default -> List.of();
        };
        if (!links.contains(rel)) {
            return null;
        }
        if (rel.equals("numanodes")) {
            return collection.equals("hosts") ? "host_numa_nodes" : "vm_numa_nodes";
        }
        return rel.equals("nics") ? "nics" : EMPTY_COLLECTIONS.get(rel);
    }

    /** Searchable fields, by the names the engine's search language uses. */
    static Map<String, Function<LabHost, String>> hostFields(LabState s) {
        return Map.of("name", LabHost::name, "address", LabHost::address, "status", LabHost::status,
                "cluster", h -> s.clusterName(), "datacenter", h -> LabDataCenter.of(s).name());
    }

    static Map<String, Function<LabVm, String>> vmFields(LabState s) {
        Map<String, String> hostNames = new HashMap<>();
        s.hosts().forEach(h -> hostNames.put(h.id(), h.name()));
        return Map.of("name", LabVm::name, "status", LabVm::status, "host", v -> hostNames.get(v.hostId()),
                "cluster", v -> s.clusterName(), "datacenter", v -> LabDataCenter.of(s).name());
    }

    /** The id of the lab engine's admin@internal user, stable for an engine FQDN (so across restores). */
    static String adminUserId(LabState s) {
        return UUID.nameUUIDFromBytes(("user:admin@internal@" + s.engineFqdn()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static String href(String collection, String id) {
        return API + "/" + collection + "/" + id;
    }

    private static LabXml ref(String element, String collection, String id) {
        return LabXml.ref(element, href(collection, id), id);
    }

    /** The {@code <actions>} and sub-collection {@code <link>}s the engine's LinkHelper adds to an object. */
    private static LabXml linked(LabXml e, String href, List<String> actions, List<String> links) {
        if (!actions.isEmpty()) {
            LabXml a = LabXml.element("actions");
            actions.forEach(rel -> a.add(LabXml.link(href + "/" + rel, rel)));
            e.add(a);
        }
        links.forEach(rel -> e.add(LabXml.link(href + "/" + rel, rel)));
        return e;
    }

    private static LabXml version(String dotted) {
        String[] v = dotted.split("\\.");
        return LabXml.element("version").add("major", Integer.parseInt(v[0])).add("minor", Integer.parseInt(v[1]));
    }

    /**
     * The API root as BackendApiResource answers an admin: the links to every collection (the searchable ones
     * twice), the engine's last backups, product info, the special objects, the summary, the time and the user.
     */
    static LabXml api(LabState s, Instant lastDb, Instant lastFiles) {
        LabXml api = LabXml.element("api");
        for (String rel : ROOT_LINKS) {
            api.add(LabXml.link(API + "/" + rel, rel));
            if (ROOT_SEARCHABLE.contains(rel)) {
                api.add(LabXml.link(API + "/" + rel + (rel.equals("events") ? ";from={event_id}" : "")
                        + "?search={query}", rel + "/search"));
            }
        }
        api.add(LabXml.element("engine_backup").add("last_db_backup", lastDb).add("last_engine_backup", lastFiles));
        String[] v = s.engineVersion().split("\\.");
        api.add(LabXml.element("product_info")
                .add("instance_id", UUID.nameUUIDFromBytes(("instance:" + s.engineFqdn())
                        .getBytes(StandardCharsets.UTF_8)).toString())
                .add("name", "oVirt Engine").add("vendor", "ovirt.org")
                .add(LabXml.element("version").add("build", Integer.parseInt(v[2])).add("full_version",
                        s.engineVersion() + "-1.el8").add("major", Integer.parseInt(v[0]))
                        .add("minor", Integer.parseInt(v[1])).add("revision", 0)));
        api.add(LabXml.element("special_objects").add(ref("blank_template", "templates", NULL_ID))
                .add(ref("root_tag", "tags", NULL_ID)));
        LabDataCenter dc = LabDataCenter.of(s);
        long hostsUp = s.hosts().stream().filter(LabHost::up).count();
        long vmsUp = s.vms().stream().filter(x -> !"down".equals(x.status())).count();
        api.add(LabXml.element("summary")
                .add(summary("hosts", hostsUp, s.hosts().size()))
                .add(summary("storage_domains", dc.spmHostId() != null ? dc.domains().stream()
                        .filter(d -> !d.lost()).count() : 0,
                        dc.domains().size()))
                .add(summary("users", 1, 1))
                .add(summary("vms", vmsUp, s.vms().size())));
        api.add("time", Instant.now());
        api.add(ref("authenticated_user", "users", adminUserId(s)));
        api.add(ref("effective_user", "users", adminUserId(s)));
        return api;
    }

    private static LabXml summary(String name, long active, long total) {
        return LabXml.element(name).add("active", active).add("total", total);
    }

    /** The root's collections as the engine's {@code Link} header lists them: sorted, comma-separated. */
    static String rootLinkHeader(String root) {
        List<String> links = new ArrayList<>();
        for (String rel : ROOT_LINKS) {
            links.add("<" + root + API + "/" + rel + ">; rel=" + rel);
            if (ROOT_SEARCHABLE.contains(rel)) {
                links.add("<" + root + API + "/" + rel + (rel.equals("events") ? ";from={event_id}" : "")
                        + "?search={query}>; rel=" + rel + "/search");
            }
        }
        return String.join(",", links.stream().sorted().toList());
    }

    /** The admin@internal user, as the engine's UserMapper writes it. */
    static LabXml user(LabState s) {
        String id = adminUserId(s);
        LabXml u = linked(LabXml.element("user").attr("href", href("users", id)).attr("id", id), href("users", id),
                List.of(), List.of("eventsubscriptions", "groups", "options", "permissions", "roles",
                        "sshpublickeys", "tags"));
        return u.add("name", "admin").add("department", "").add("domain_entry_id",
                        UUID.nameUUIDFromBytes("admin".getBytes(StandardCharsets.UTF_8)).toString())
                .add("email", "").add("last_name", "").add("logged_in", false).add("namespace", "*")
                .add("principal", "admin").add("user_name", "admin@internal-authz")
                .add(LabXml.element("domain").attr("id", UUID.nameUUIDFromBytes("internal-authz"
                        .getBytes(StandardCharsets.UTF_8)).toString()).add("name", "internal-authz"));
    }

    static LabXml cluster(LabState s) {
        String id = s.clusterId();
        LabDataCenter dc = LabDataCenter.of(s);
        LabXml c = linked(LabXml.element("cluster").attr("href", href("clusters", id)).attr("id", id),
                href("clusters", id), CLUSTER_ACTIONS, CLUSTER_LINKS);
        return c.add("name", s.clusterName()).add("description", "The default server cluster").add("comment", "")
                .add("ballooning_enabled", true).add("bios_type", "q35_ovmf")
                .add(LabXml.element("cpu").add("architecture", "x86_64")
                        .add("type", "Secure Intel Cascadelake Server Family"))
                .add(LabXml.element("error_handling").add("on_error", "migrate"))
                .add("fips_mode", "disabled").add("firewall_type", "firewalld").add("gluster_service", false)
                .add("ha_reservation", false)
                .add(LabXml.element("ksm").add("enabled", true).add("merge_across_nodes", true))
                .add("log_max_memory_used_threshold", 95).add("log_max_memory_used_threshold_type", "percentage")
                .add("maintenance_reason_required", false)
                .add(LabXml.element("memory_policy").add(LabXml.element("over_commit").add("percent", 100))
                        .add(LabXml.element("transparent_hugepages").add("enabled", true)))
                .add("optional_reason", false)
                .add(LabXml.element("required_rng_sources").add("required_rng_source", "urandom"))
                .add("switch_type", "legacy").add("threads_as_cores", false).add("trusted_service", false)
                .add("tunnel_migration", false).add("upgrade_in_progress", false)
                .add(version(s.clusterVersion())).add("virt_service", true).add("vnc_encryption", false)
                .add(ref("data_center", "datacenters", dc.id()))
                .add(ref("mac_pool", "macpools", UUID.nameUUIDFromBytes("macpool:Default"
                        .getBytes(StandardCharsets.UTF_8)).toString()))
                .add(ref("scheduling_policy", "schedulingpolicies", "b4ed2332-a7ac-4d5f-9596-99a439cb2812"));
    }

    /** The data center, as DataCenterMapper and the always-filled supported versions make it. */
    static LabXml dataCenter(LabState s) {
        LabDataCenter dc = LabDataCenter.of(s);
        LabXml d = linked(LabXml.element("data_center").attr("href", href("datacenters", dc.id())).attr("id",
                dc.id()), href("datacenters", dc.id()), DC_ACTIONS, DC_LINKS);
        return d.add("name", dc.name()).add("description", "The default Data Center").add("local", false)
                .add("quota_mode", "disabled").add("status", dc.status()).add("storage_format", "v5")
                .add(LabXml.element("supported_versions").add(version(dc.clusterVersion())))
                .add(version(dc.clusterVersion()))
                .add(ref("mac_pool", "macpools", UUID.nameUUIDFromBytes("macpool:Default"
                        .getBytes(StandardCharsets.UTF_8)).toString()));
    }

    /**
     * A storage domain as StorageDomainMapper writes it: in the top-level collection without a status (the engine
     * gives one only in a data center's context, {@code attached}), with its data centers.
     */
    static LabXml storageDomain(LabState s, LabDataCenter.Domain d, boolean attached) {
        LabDataCenter dc = LabDataCenter.of(s);
        String href = attached ? href("datacenters", dc.id()) + "/storagedomains/" + d.id() : href("storagedomains",
                d.id());
        LabXml e = linked(LabXml.element("storage_domain").attr("href", href).attr("id", d.id()), href,
                attached ? ATTACHED_SD_ACTIONS : SD_ACTIONS, attached ? List.of("disks") : SD_LINKS);
        e.add("name", d.name()).add("description", "").add("comment", "")
                .add("available", d.available()).add("backup", false).add("block_size", 512)
                .add("committed", d.committed()).add("critical_space_action_blocker", 5)
                .add("discard_after_delete", false).add("external_status", "ok").add("master", d.master())
                .add(LabXml.element("storage").add("address", LabDataCenter.STORAGE_SERVER)
                        .add("nfs_version", "auto").add("path", d.path()).add("type", "nfs"))
                .add("storage_format", "v5").add("supports_discard", false)
                .add("supports_discard_zeroes_data", false).add("type", "data").add("used", d.used())
                .add("warning_low_space_indicator", 10).add("wipe_after_delete", false);
        if (attached) {
            e.add("status", dc.domainStatus(d)).add(ref("data_center", "datacenters", dc.id()));
        } else {
            e.add(LabXml.element("data_centers").add(ref("data_center", "datacenters", dc.id())));
        }
        return e;
    }

    /**
     * A host as HostMapper always fills it (the lab's hardware: two Cascade Lake sockets, RHEL with vdsm 4.50),
     * plus what BackendHostsResource adds with all_content: {@code hosted_engine} when configured and
     * {@code network_operation_in_progress}. {@code nics} inline only when followed.
     */
    static LabXml host(LabState s, LabHost h, boolean allContent, boolean followNics) {
        int total = 0;
        int migrating = 0;
        long usedMb = 0;
        for (LabVm vm : s.vms()) {
            if (h.id().equals(vm.hostId())) {
                total++;
                usedMb += vm.memoryMb();
                if (vm.migratingTo() != null) {
                    migrating++;
                }
            } else if (h.id().equals(vm.migratingTo())) {
                usedMb += vm.memoryMb();
            }
        }
        String href = href("hosts", h.id());
        LabXml e = linked(LabXml.element("host").attr("href", href).attr("id", h.id()), href, HOST_ACTIONS,
                HOST_LINKS);
        e.add("name", h.name()).add("comment", "").add("address", h.address())
                .add("auto_numa_status", "disable")
                .add(LabXml.element("certificate").add("organization", organization(s))
                        .add("subject", "O=" + organization(s) + ",CN=" + h.address()))
                .add(LabXml.element("cpu").add("name", "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz").add("speed", 2100)
                        .add(LabXml.element("topology").add("cores", 20).add("sockets", 2).add("threads", 2))
                        .add("type", "Secure Intel Cascadelake Server Family"))
                .add(LabXml.element("device_passthrough").add("enabled", false))
                .add("external_status", "ok")
                .add(LabXml.element("hardware_information").add("family", "PowerEdge")
                        .add("manufacturer", "Dell Inc.").add("product_name", "PowerEdge R640")
                        .add("serial_number", h.uniqueId().substring(0, 7).toUpperCase(Locale.ROOT))
                        .add(LabXml.element("supported_rng_sources").add("supported_rng_source", "hwrng")
                                .add("supported_rng_source", "urandom"))
                        .add("uuid", h.uniqueId()).add("version", "Not Specified"))
                .add(LabXml.element("iscsi").add("initiator", "iqn.1994-05.com.redhat:" + h.uniqueId()
                        .replace("-", "").substring(0, 12)))
                .add("kdump_status", "disabled")
                .add(LabXml.element("ksm").add("enabled", false))
                .add(LabXml.element("libvirt_version").add("build", 0).add("full_version",
                        "libvirt-8.0.0-23.1.module_el8.10.0+1590+a67ab969").add("major", 8).add("minor", 0)
                        .add("revision", 0))
                .add("max_scheduling_memory", Math.max(0, h.memoryMb() - usedMb) * MIB)
                .add("memory", h.memoryMb() * MIB)
                .add("numa_supported", true)
                .add(os(s, h))
                .add("ovn_configured", true)
                .add("port", 54321)
                .add(LabXml.element("power_management").add("automatic_pm_enabled", true).add("enabled", false)
                        .add("kdump_detection", true)
                        .add(LabXml.element("pm_proxies").add(LabXml.element("pm_proxy").add("type", "cluster"))
                                .add(LabXml.element("pm_proxy").add("type", "dc"))))
                .add("protocol", "stomp")
                .add("reinstallation_required", false)
                .add(LabXml.element("se_linux").add("mode", "enforcing"))
                .add(LabXml.element("spm").add("priority", 5).add("status",
                        h.id().equals(LabDataCenter.of(s).spmHostId()) ? "spm" : "none"))
                .add(LabXml.element("ssh").add("port", 22).add(LabXml.element("user").add("user_name", "root")))
                .add("status", h.status())
                .add(LabXml.element("summary").add("active", total).add("migrating", migrating).add("total", total))
                .add(LabXml.element("transparent_hugepages").add("enabled", true))
                .add("type", "rhel")
                .add("update_available", false)
                .add(LabXml.element("version").add("build", 5).add("full_version", "vdsm-4.50.5.1-1.el8")
                        .add("major", 4).add("minor", 50).add("revision", 1))
                .add("vgpu_placement", "consolidated")
                .add(ref("cluster", "clusters", s.clusterId()));
        if (allContent) {
            if (h.heConfigured()) {
                // the HA agent's own report: active while the agent runs, in local maintenance too
                e.add(LabXml.element("hosted_engine").add("active", h.haAgentRuns()).add("configured", true)
                        .add("global_maintenance", s.globalMaintenance()).add("local_maintenance", h.heLocalMaintenance())
                        .add("score", h.heScore()));
            }
            e.add("network_operation_in_progress", false);
        }
        if (followNics) {
            e.add(LabXml.element("nics").addAll(nics(h)));
        }
        return e;
    }

    /** The engine's PKI organization: the engine FQDN's domain, as engine-setup proposes it. */
    private static String organization(LabState s) {
        int dot = s.engineFqdn().indexOf('.');
        return dot < 0 ? s.engineFqdn() : s.engineFqdn().substring(dot + 1);
    }

    /** The host's OS as HostMapper.mapOperatingSystem reports it; custom_kernel_cmdline empty when unset. */
    private static LabXml os(LabState s, LabHost h) {
        LabXml os = LabXml.element("os").add("custom_kernel_cmdline", "");
        s.site().machine(h.address()).ifPresent(m -> {
            String[] v = m.os().split("\\.");
            os.add("description", m.prettyName())
                    .add("reported_kernel_cmdline", "BOOT_IMAGE=(hd0,msdos1)/vmlinuz-" + m.kernel()
                            + " root=/dev/mapper/rhel-root ro crashkernel=auto resume=/dev/mapper/rhel-swap"
                            + " rd.lvm.lv=rhel/root rd.lvm.lv=rhel/swap rhgb quiet")
                    .add("type", "RHEL")
                    .add(LabXml.element("version").add("full_version", m.os() + " - 1.el" + v[0])
                            .add("major", Integer.parseInt(v[0]))
                            .add("minor", v.length > 1 ? Integer.parseInt(v[1]) : 0));
        });
        if (s.site().machine(h.address()).isEmpty()) {
            os.add("description", "");
        }
        return os;
    }

    /** The host's NICs: one per address (the first carries ovirtmgmt), and eth1 for the cluster's other networks. */
    static List<LabXml> nics(LabHost h) {
        List<LabXml> nics = new ArrayList<>();
        int count = Math.max(2, h.ips().size());
        for (int i = 0; i < count; i++) {
            String name = "eth" + i; // eth0 carries ovirtmgmt: a bridge is no NIC of the API
            String href = href("hosts", h.id()) + "/nics/" + nicId(h, i);
            LabXml nic = linked(LabXml.element("host_nic").attr("href", href).attr("id", nicId(h, i)), href,
                    List.of(), List.of()).add("name", name);
            if (i < h.ips().size()) {
                nic.add("boot_protocol", "static").add(LabXml.element("ip").add("address", h.ips().get(i))
                        .add("netmask", "255.255.255.0").add("version", "v4"));
            } else {
                nic.add("boot_protocol", "none");
            }
            nics.add(nic.add("mtu", 1500).add("status", "up").add(ref("host", "hosts", h.id())));
        }
        return nics;
    }

    private static String nicId(LabHost h, int i) {
        return h.id().substring(0, 24) + String.format("%012d", i);
    }

    private static String networkId(String name) {
        return UUID.nameUUIDFromBytes(("network:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The cluster's logical networks as NetworkMapper writes them: ovirtmgmt (required, the management network)
     * and the lab's others, required or not.
     */
    static List<LabXml> clusterNetworks(LabState s, boolean underCluster) {
        String base = underCluster ? href("clusters", s.clusterId()) + "/networks/" : API + "/networks/";
        List<LabXml> out = new ArrayList<>();
        out.add(network(s, base, "ovirtmgmt", "Management Network", true, List.of("default_route", "management",
                "migration", "vm")));
        s.site().networks().forEach(n -> out.add(network(s, base, n.name(), "", n.required(), List.of())));
        return out;
    }

    private static LabXml network(LabState s, String base, String name, String description, boolean required,
                                  List<String> usages) {
        String id = networkId(name);
        String href = base + id;
        LabXml usage = LabXml.element("usages");
        usages.forEach(u -> usage.add("usage", u));
        return LabXml.element("network").attr("href", href).attr("id", id).add("name", name)
                .add("description", description).add("comment", "").add("display", false).add("mtu", 0)
                .add("port_isolation", false).add("required", required).add("status", "operational")
                .add("stp", false).add(usage).add("vdsm_name", name)
                .add(ref("cluster", "clusters", s.clusterId()))
                .add(ref("data_center", "datacenters", LabDataCenter.of(s).id()));
    }

    /** What the host's NICs carry, as NetworkAttachmentMapper writes it: ovirtmgmt, and the machine's networks. */
    static List<LabXml> networkAttachments(LabState s, LabHost h) {
        List<String> names = new ArrayList<>(List.of("ovirtmgmt"));
        s.site().machine(h.address()).ifPresent(m -> names.addAll(m.networks()));
        List<LabXml> out = new ArrayList<>();
        for (String name : names) {
            String id = UUID.nameUUIDFromBytes(("attachment:" + h.id() + name).getBytes(StandardCharsets.UTF_8))
                    .toString();
            String href = href("hosts", h.id()) + "/networkattachments/" + id;
            int nic = name.equals("ovirtmgmt") ? 0 : 1;
            out.add(LabXml.element("network_attachment").attr("href", href).attr("id", id).add("in_sync", true)
                    .add(ref("host", "hosts", h.id()))
                    .add(LabXml.ref("host_nic", href("hosts", h.id()) + "/nics/" + nicId(h, nic), nicId(h, nic)))
                    .add(ref("network", "networks", networkId(name))));
        }
        return out;
    }

    static LabXml vm(LabState s, LabVm v, boolean followHost) {
        String href = href("vms", v.id());
        LabXml e = linked(LabXml.element("vm").attr("href", href).attr("id", v.id()), href, VM_ACTIONS, VM_LINKS)
                .add("name", v.name())
                .add("status", v.status())
                .add("memory", v.memoryMb() * MIB)
                .add("origin", v.engine() ? "managed_hosted_engine" : "ovirt")
                .add("stateless", false)
                .add("type", "server")
                .add(ref("cluster", "clusters", s.clusterId()));
        if (v.fqdn() != null && !"down".equals(v.status())) {
            e.add("fqdn", v.fqdn());
        }
        if (v.hostId() != null) {
            LabHost h = s.hosts().stream().filter(x -> x.id().equals(v.hostId())).findFirst().orElse(null);
            e.add(followHost && h != null ? host(s, h, false, false) : ref("host", "hosts", v.hostId()));
        }
        return e;
    }

    /** An audit log entry as EventMapper writes it: the objects it concerns with their names. */
    static LabXml event(LabState s, LabEvent e) {
        LabXml x = LabXml.element("event").attr("href", href("events", Long.toString(e.id())))
                .attr("id", e.id())
                .add("description", e.description()).add("code", e.code()).add("custom_id", -1)
                .add("flood_rate", 30).add("index", e.id()).add("origin", "oVirt").add("severity", e.severity())
                .add("time", Instant.parse(e.time()));
        if (e.hostId() != null) {
            x.add(ref("host", "hosts", e.hostId()).add("name", e.hostName()));
        }
        if (e.hostId() != null || e.vmId() != null) {
            x.add(ref("cluster", "clusters", s.clusterId()).add("name", s.clusterName()));
            LabDataCenter dc = LabDataCenter.of(s);
            x.add(ref("data_center", "datacenters", dc.id()).add("name", dc.name()));
        }
        if (e.vmId() != null) {
            x.add(ref("vm", "vms", e.vmId()).add("name", e.vmName()));
        }
        if (e.user() != null) {
            x.add(ref("user", "users", adminUserId(s)).add("name", e.user()));
        }
        return x;
    }

    /**
     * What {@code search} on /events matches, by the engine's names (AuditLogConditionFieldAutoCompleter) and the
     * cross-references to hosts and VMs by name.
     */
    static Map<String, Function<LabEvent, String>> eventFields() {
        Map<String, Function<LabEvent, String>> f = new HashMap<>();
        f.put("type", e -> Integer.toString(e.code()));
        f.put("severity", LabEvent::severity);
        f.put("message", LabEvent::description);
        f.put("origin", e -> "oVirt");
        f.put("usrname", LabEvent::user);
        f.put("event_host", LabEvent::hostName);
        f.put("event_vm", LabEvent::vmName);
        f.put("host", LabEvent::hostName);
        f.put("host.name", LabEvent::hostName);
        f.put("vm", LabEvent::vmName);
        f.put("vm.name", LabEvent::vmName);
        return f;
    }

    /** Event fields compared by rank: severity, in the engine's order. */
    static Map<String, List<String>> eventRanks() {
        return Map.of("severity", LabEvent.SEVERITIES);
    }

    static LabXml action(String status) {
        return LabXml.element("action").add("status", status);
    }

    static LabXml fault(String reason, String detail) {
        return LabXml.element("fault").add("reason", reason).add("detail", detail);
    }
}
