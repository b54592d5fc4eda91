package org.heshell.lab;

import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ovirt.engine.sdk4.builders.ApiBuilder;
import org.ovirt.engine.sdk4.builders.ApiSummaryBuilder;
import org.ovirt.engine.sdk4.builders.ApiSummaryItemBuilder;
import org.ovirt.engine.sdk4.builders.ClusterBuilder;
import org.ovirt.engine.sdk4.builders.HardwareInformationBuilder;
import org.ovirt.engine.sdk4.builders.HostBuilder;
import org.ovirt.engine.sdk4.builders.HostNicBuilder;
import org.ovirt.engine.sdk4.builders.HostedEngineBuilder;
import org.ovirt.engine.sdk4.builders.IpBuilder;
import org.ovirt.engine.sdk4.builders.ProductInfoBuilder;
import org.ovirt.engine.sdk4.builders.VersionBuilder;
import org.ovirt.engine.sdk4.builders.VmBuilder;
import org.ovirt.engine.sdk4.builders.VmSummaryBuilder;
import org.ovirt.engine.sdk4.types.Api;
import org.ovirt.engine.sdk4.types.Cluster;
import org.ovirt.engine.sdk4.types.Host;
import org.ovirt.engine.sdk4.types.HostNic;
import org.ovirt.engine.sdk4.types.HostStatus;
import org.ovirt.engine.sdk4.types.IpVersion;
import org.ovirt.engine.sdk4.types.Vm;
import org.ovirt.engine.sdk4.types.VmStatus;

/** The lab's world as the API's types, built with the SDK's own builders so the SDK's writers serialize them. */
final class LabApiModel {
    static final String API = "/ovirt-engine/api";
    private static final BigInteger MIB = BigInteger.valueOf(1024L * 1024);

    /** Searchable fields, by the names the engine's search language uses. */
    static Map<String, Function<LabHost, String>> hostFields(LabState s) {
        return Map.of("name", LabHost::name, "address", LabHost::address, "status", LabHost::status,
                "cluster", h -> s.clusterName());
    }

    static Map<String, Function<LabVm, String>> vmFields(LabState s) {
        Map<String, String> hostNames = new java.util.HashMap<>();
        s.hosts().forEach(h -> hostNames.put(h.id(), h.name()));
        return Map.of("name", LabVm::name, "status", LabVm::status, "host", v -> hostNames.get(v.hostId()),
                "cluster", v -> s.clusterName());
    }

    private LabApiModel() {
    }

    static Api api(LabState s) {
        String[] v = s.engineVersion().split("\\.");
        long hostsUp = s.hosts().stream().filter(LabHost::up).count();
        long vmsUp = s.vms().stream().filter(x -> !"down".equals(x.status())).count();
        return new ApiBuilder()
                .productInfo(new ProductInfoBuilder().name("oVirt Engine").vendor("ovirt.org")
                        .version(new VersionBuilder().major(Integer.parseInt(v[0])).minor(Integer.parseInt(v[1]))
                                .build(Integer.parseInt(v[2])).revision(0)
                                .fullVersion(s.engineVersion() + "-1.el8")))
                .summary(new ApiSummaryBuilder()
                        .hosts(new ApiSummaryItemBuilder().total(s.hosts().size()).active(hostsUp))
                        .vms(new ApiSummaryItemBuilder().total(s.vms().size()).active(vmsUp)))
                .time(new Date())
                .build();
    }

    static Cluster cluster(LabState s) {
        String[] v = s.clusterVersion().split("\\.");
        return new ClusterBuilder().id(s.clusterId()).href(API + "/clusters/" + s.clusterId()).name(s.clusterName())
                .version(new VersionBuilder().major(Integer.parseInt(v[0])).minor(Integer.parseInt(v[1])))
                .build();
    }

    /**
     * A host. {@code hosted_engine} appears only with all_content, as on the real engine; {@code nics} inline only
     * when followed.
     */
    static Host host(LabState s, LabHost h, boolean allContent, boolean followNics) {
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
        HostBuilder b = new HostBuilder().id(h.id()).href(API + "/hosts/" + h.id()).name(h.name())
                .address(h.address()).status(HostStatus.fromValue(h.status()))
                .cluster(new ClusterBuilder().id(s.clusterId()).href(API + "/clusters/" + s.clusterId()))
                .memory(MIB.multiply(BigInteger.valueOf(h.memoryMb())))
                .maxSchedulingMemory(MIB.multiply(BigInteger.valueOf(Math.max(0, h.memoryMb() - usedMb))))
                .hardwareInformation(new HardwareInformationBuilder().uuid(h.uniqueId()))
                .summary(new VmSummaryBuilder().total(total).active(total).migrating(migrating));
        s.site().machine(h.address()).ifPresent(m -> {
            String[] v = m.os().split("\\.");
            b.os(new org.ovirt.engine.sdk4.builders.OperatingSystemBuilder().type("RHEL").version(new VersionBuilder()
                    .major(Integer.parseInt(v[0])).minor(v.length > 1 ? Integer.parseInt(v[1]) : 0)
                    .fullVersion(m.os() + " - 1.el" + v[0])));
        });
        if (allContent) {
            boolean up = h.up();
            b.hostedEngine(new HostedEngineBuilder().configured(h.heConfigured()).active(h.heConfigured() && up)
                    .score(h.heScore()).localMaintenance(h.heLocalMaintenance()).globalMaintenance(s.globalMaintenance()));
        }
        if (followNics) {
            b.nics(nics(h));
        }
        return b.build();
    }

    static List<HostNic> nics(LabHost h) {
        List<HostNic> nics = new java.util.ArrayList<>();
        for (int i = 0; i < h.ips().size(); i++) {
            String name = i == 0 ? "ovirtmgmt" : "eth" + i;
            nics.add(new HostNicBuilder().id(h.id().substring(0, 24) + String.format("%012d", i))
                    .href(API + "/hosts/" + h.id() + "/nics/" + i).name(name)
                    .ip(new IpBuilder().address(h.ips().get(i)).version(IpVersion.V4)).build());
        }
        return nics;
    }

    static Vm vm(LabState s, LabVm v, boolean followHost) {
        VmBuilder b = new VmBuilder().id(v.id()).href(API + "/vms/" + v.id()).name(v.name())
                .status(VmStatus.fromValue(v.status()))
                .memory(MIB.multiply(BigInteger.valueOf(v.memoryMb())))
                .origin(v.engine() ? "managed_hosted_engine" : "ovirt")
                .cluster(new ClusterBuilder().id(s.clusterId()).href(API + "/clusters/" + s.clusterId()));
        if (v.fqdn() != null && !"down".equals(v.status())) {
            b.fqdn(v.fqdn());
        }
        if (v.hostId() != null) {
            LabHost h = s.hosts().stream().filter(x -> x.id().equals(v.hostId())).findFirst().orElse(null);
            if (followHost && h != null) {
                b.host(host(s, h, false, false));
            } else {
                b.host(new HostBuilder().id(v.hostId()).href(API + "/hosts/" + v.hostId()));
            }
        }
        return b.build();
    }

    /** An audit log entry as the engine's EventMapper writes it. */
    static org.ovirt.engine.sdk4.types.Event event(LabState s, LabEvent e) {
        var b = new org.ovirt.engine.sdk4.builders.EventBuilder().id(Long.toString(e.id()))
                .href(API + "/events/" + e.id()).code(e.code()).description(e.description())
                .severity(org.ovirt.engine.sdk4.types.LogSeverity.valueOf(e.severity().toUpperCase(
                        java.util.Locale.ROOT))).time(java.util.Date.from(java.time.Instant.parse(e.time())))
                .origin("oVirt").customId(-1).floodRate(30);
        if (e.hostId() != null) {
            b.host(new HostBuilder().id(e.hostId()).href(API + "/hosts/" + e.hostId()));
            b.cluster(new ClusterBuilder().id(s.clusterId()).href(API + "/clusters/" + s.clusterId()));
        }
        if (e.vmId() != null) {
            b.vm(new org.ovirt.engine.sdk4.builders.VmBuilder().id(e.vmId()).href(API + "/vms/" + e.vmId()));
        }
        return b.build();
    }

    /** What `search` on /events matches: type (the code), severity, host and vm by name. */
    static Map<String, Function<LabEvent, String>> eventFields() {
        return Map.of("type", e -> Integer.toString(e.code()), "severity", LabEvent::severity, "host",
                LabEvent::hostName, "host.name", LabEvent::hostName, "vm", LabEvent::vmName, "vm.name",
                LabEvent::vmName);
    }
}
