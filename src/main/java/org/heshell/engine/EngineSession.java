package org.heshell.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.heshell.model.Cluster;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.HostStatus;
import org.heshell.model.HostedEngineInfo;
import org.heshell.model.Vm;
import org.heshell.model.VmStatus;
import org.ovirt.engine.sdk4.Connection;
import org.ovirt.engine.sdk4.ConnectionBuilder;
import org.ovirt.engine.sdk4.types.HostNic;
import org.ovirt.engine.sdk4.types.Version;

/** A logged-in connection to a Manager through the official SDK; reads the model and changes hosts. */
public final class EngineSession implements AutoCloseable {
    private static final int TIMEOUT_MS = 30_000;

    private final EngineTarget target;
    private final Connection connection;
    private final TrustStore trust;

    private EngineSession(EngineTarget target, Connection connection, TrustStore trust) {
        this.target = target;
        this.connection = connection;
        this.trust = trust;
    }

    /** Connects and logs in; the password array is the caller's to wipe. */
    public static EngineSession open(EngineTarget target, char[] password) {
        TrustStore trust = target.caFile() != null && !target.insecure() ? TrustStore.fromPem(target.caFile()) : null;
        try {
            ConnectionBuilder builder = ConnectionBuilder.connection()
                    .url(target.url())
                    .user(target.user())
                    .password(new String(password))
                    .insecure(target.insecure())
                    .timeout(TIMEOUT_MS);
            if (trust != null) {
                builder.trustStoreFile(trust.file()).trustStorePassword(trust.password());
            }
            Connection connection = builder.build();
            EngineSession session = new EngineSession(target, connection, trust);
            try {
                session.call("cannot log in to " + target.label(), connection::authenticate);
            } catch (RuntimeException e) {
                session.close(); // its connection pool and threads too, not only the trust store
                throw e;
            }
            return session;
        } catch (RuntimeException e) {
            if (trust != null) {
                trust.close();
            }
            throw EngineErrors.translate("cannot log in to " + target.label(), target, e);
        }
    }

    public EngineTarget target() {
        return target;
    }

    /** The whole environment, in three requests: hosts with NICs and HA state, VMs, clusters. */
    public Environment read() {
        return call("cannot read the environment from " + target.label(), () -> {
            var system = connection.systemService();
            var api = system.get().send().api();
            var sdkHosts = system.hostsService().list().allContent(true).follow("nics").send().hosts();
            var sdkVms = system.vmsService().list().send().vms();
            var sdkClusters = system.clustersService().list().send().clusters();

            List<Cluster> clusters = new ArrayList<>();
            java.util.Map<String, String> clusterNames = new java.util.HashMap<>();
            for (var c : sdkClusters) {
                clusterNames.put(c.id(), c.name());
                clusters.add(new Cluster(c.id(), c.name(), version(c.versionPresent() ? c.version() : null)));
            }
            List<Host> hosts = new ArrayList<>(sdkHosts.size());
            for (var h : sdkHosts) {
                hosts.add(host(h, clusterNames));
            }
            List<Vm> vms = new ArrayList<>(sdkVms.size());
            String engineFqdn = null;
            for (var v : sdkVms) {
                boolean engine = v.originPresent() && v.origin().contains("hosted_engine");
                if (engine && v.fqdnPresent()) {
                    engineFqdn = v.fqdn();
                }
                vms.add(new Vm(v.id(), v.name(), VmStatus.fromApi(v.statusPresent() ? v.status().value() : null),
                        v.hostPresent() ? v.host().id() : null, v.memoryPresent() ? v.memoryAsLong() : 0, engine));
            }
            String version = api.productInfoPresent() ? version(api.productInfo().version()) : "unknown";
            return new Environment(engineFqdn != null ? engineFqdn : target.host(), version, hosts, vms, clusters);
        });
    }

    /** Global maintenance on or off, through the engine VM's maintenance action as the portal sets it. */
    public void setGlobalMaintenance(String engineVmId, boolean on) {
        call("cannot set global maintenance on " + target.label(), () -> connection.systemService().vmsService()
                .vmService(engineVmId).maintenance().maintenanceEnabled(on).send());
    }

    /**
     * The Manager's audit log, newest first: at most {@code max} entries matching {@code search} (the engine's search
     * language, e.g. {@code severity=error} or {@code type=9025}; null for all).
     */
    public List<org.heshell.model.EngineEvent> events(int max, String search) {
        return call("cannot read the events of " + target.label(), () -> {
            var request = connection.systemService().eventsService().list().max(max);
            if (search != null && !search.isBlank()) {
                request.search(search);
            }
            List<org.heshell.model.EngineEvent> out = new ArrayList<>();
            for (var e : request.send().events()) {
                out.add(new org.heshell.model.EngineEvent(Long.parseLong(e.id()), e.codePresent() ? e.codeAsInteger()
                        : 0, e.severityPresent() ? e.severity().value() : "normal", e.timePresent()
                        ? e.time().toInstant() : null, e.descriptionPresent() ? e.description() : "",
                        e.hostPresent() ? e.host().id() : null));
            }
            return out;
        });
    }

    private static Host host(org.ovirt.engine.sdk4.types.Host h, java.util.Map<String, String> clusterNames) {
        List<String> ips = new ArrayList<>();
        if (h.nicsPresent()) {
            for (HostNic nic : h.nics()) {
                if (nic.ipPresent() && nic.ip().addressPresent()) {
                    ips.add(nic.ip().address());
                }
            }
        }
        HostedEngineInfo he = HostedEngineInfo.NONE;
        if (h.hostedEnginePresent()) {
            var e = h.hostedEngine();
            he = new HostedEngineInfo(Boolean.TRUE.equals(e.configured()), Boolean.TRUE.equals(e.active()),
                    e.scorePresent() ? e.scoreAsInteger() : 0, Boolean.TRUE.equals(e.localMaintenance()),
                    Boolean.TRUE.equals(e.globalMaintenance()));
        }
        String uniqueId = h.hardwareInformationPresent() && h.hardwareInformation().uuidPresent()
                ? h.hardwareInformation().uuid() : "";
        String cluster = h.clusterPresent() ? clusterNames.getOrDefault(h.cluster().id(), h.cluster().id()) : "";
        return new Host(h.id(), h.name(), h.addressPresent() ? h.address() : "", ips, uniqueId,
                HostStatus.fromApi(h.statusPresent() ? h.status().value() : null), cluster,
                h.memoryPresent() ? h.memoryAsLong() : 0, he, os(h));
    }

    /** The host's OS in vds_dynamic.host_os's form ("RHEL - 8.10 - 1.el8"), as the backup has it. */
    private static String os(org.ovirt.engine.sdk4.types.Host h) {
        if (!h.osPresent() || !h.os().versionPresent() || !h.os().version().fullVersionPresent()) {
            return "";
        }
        return (h.os().typePresent() ? h.os().type() : "") + " - " + h.os().version().fullVersion();
    }

    private static String version(Version v) {
        if (v == null) {
            return "unknown";
        }
        StringBuilder s = new StringBuilder().append(v.majorPresent() ? v.majorAsInteger() : 0).append('.')
                .append(v.minorPresent() ? v.minorAsInteger() : 0);
        if (v.buildPresent()) {
            s.append('.').append(v.buildAsInteger());
        }
        return s.toString();
    }

    /** Maintenance: the Manager migrates the host's VMs away, then the host is in Maintenance. */
    public void deactivate(Host host) {
        call("cannot put " + host.name() + " into maintenance",
                () -> connection.systemService().hostsService().hostService(host.id()).deactivate().send());
    }

    public void activate(Host host) {
        call("cannot activate " + host.name(),
                () -> connection.systemService().hostsService().hostService(host.id()).activate().send());
    }

    /** Runs a down VM where the Manager's scheduler places it (VmService.start). */
    public void startVm(Vm vm) {
        call("cannot start " + vm.name(), () -> connection.systemService().vmsService().vmService(vm.id()).start()
                .send());
    }

    /** Asks the VM's guest to shut down (VmService.shutdown): an ACPI shutdown, as the portal's Shutdown. */
    public void shutdownVm(Vm vm) {
        call("cannot shut down " + vm.name(), () -> connection.systemService().vmsService().vmService(vm.id())
                .shutdown().send());
    }

    /** Powers the VM off at once (VmService.stop), as the portal's Power Off: the guest is not asked. */
    public void stopVm(Vm vm) {
        call("cannot power off " + vm.name(), () -> connection.systemService().vmsService().vmService(vm.id()).stop()
                .send());
    }

    /** Migrates a running VM to {@code to}, or wherever the scheduler places it when {@code to} is null. */
    public void migrateVm(Vm vm, Host to) {
        call("cannot migrate " + vm.name(), () -> {
            var request = connection.systemService().vmsService().vmService(vm.id()).migrate();
            if (to != null) {
                request.host(new org.ovirt.engine.sdk4.builders.HostBuilder().id(to.id()));
            }
            return request.send();
        });
    }

    public void remove(Host host) {
        call("cannot remove " + host.name(),
                () -> connection.systemService().hostsService().hostService(host.id()).remove().send());
    }

    /**
     * Adds a host to {@code cluster} as the procedure re-adds hosted-engine hosts: installed with hosted-engine
     * deployment. The engine logs in to it with its own key (the host must hold the engine's public key).
     */
    public void addHost(String name, String address, String cluster, boolean deployHostedEngine) {
        call("cannot add " + name, () -> connection.systemService().hostsService().add()
                .host(new org.ovirt.engine.sdk4.builders.HostBuilder().name(name).address(address)
                        .cluster(new org.ovirt.engine.sdk4.builders.ClusterBuilder().name(cluster)))
                .deployHostedEngine(deployHostedEngine).send());
    }

    private <T> T call(String doing, Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            throw EngineErrors.translate(doing, target, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception ignored) {
            // logging out of an engine that is gone is not worth an error
        } finally {
            if (trust != null) {
                trust.close();
            }
        }
    }
}
