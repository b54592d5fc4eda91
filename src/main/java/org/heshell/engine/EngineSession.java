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
import org.ovirt.engine.sdk4.builders.HostNicBuilder;
import org.ovirt.engine.sdk4.builders.NetworkAttachmentBuilder;
import org.ovirt.engine.sdk4.builders.NetworkBuilder;
import org.ovirt.engine.sdk4.types.HostNic;
import org.ovirt.engine.sdk4.types.Version;

/** A logged-in connection to a Manager through the official SDK; reads the model and changes hosts. */
public final class EngineSession implements AutoCloseable {
    private static final int TIMEOUT_MS = 30_000;

    private final EngineTarget target;
    private final TrustStore trust;
    /** Where this session's token is kept between runs; null: it is revoked on close. */
    private final SsoTokens tokens;
    private final Supplier<char[]> password;
    private Connection connection;
    /** The connection holds a token kept from an earlier run, which the Manager may have forgotten since. */
    private boolean keptToken;

    private EngineSession(EngineTarget target, Connection connection, TrustStore trust, SsoTokens tokens,
                          Supplier<char[]> password, boolean keptToken) {
        this.target = target;
        this.connection = connection;
        this.trust = trust;
        this.tokens = tokens;
        this.password = password;
        this.keptToken = keptToken;
    }

    /** Connects and logs in; the password array is the caller's to wipe. The token is revoked on close. */
    public static EngineSession open(EngineTarget target, char[] password) {
        TrustStore trust = trust(target);
        try {
            return new EngineSession(target, login(target, trust, password), trust, null, null, false);
        } catch (RuntimeException e) {
            if (trust != null) {
                trust.close();
            }
            throw e;
        }
    }

    /**
     * A session on the token kept in {@code tokens} from an earlier run, asking for no password and making no
     * request; without a kept token it logs in with {@code password} (asked for only then) and keeps the token. A
     * kept token the Manager rejects is dropped, and the session logs in afresh and repeats the request. On close
     * the token stays valid for the next run.
     */
    public static EngineSession open(EngineTarget target, SsoTokens tokens, Supplier<char[]> password) {
        TrustStore trust = trust(target);
        try {
            var kept = tokens.read(target);
            if (kept.isPresent()) {
                return new EngineSession(target, connect(target, trust, null, kept.get()), trust, tokens, password,
                        true);
            }
            EngineSession s = new EngineSession(target, login(target, trust, password), trust, tokens, password,
                    false);
            tokens.save(target, s.connection.authenticate());
            return s;
        } catch (RuntimeException e) {
            if (trust != null) {
                trust.close();
            }
            throw e;
        }
    }

    private static TrustStore trust(EngineTarget target) {
        return target.caFile() != null && !target.insecure() ? TrustStore.fromPem(target.caFile()) : null;
    }

    private static Connection login(EngineTarget target, TrustStore trust, Supplier<char[]> password) {
        char[] p = password.get();
        try {
            return login(target, trust, p);
        } finally {
            java.util.Arrays.fill(p, '\0');
        }
    }

    /** A connection that has logged in with the password (the array is the caller's to wipe). */
    private static Connection login(EngineTarget target, TrustStore trust, char[] password) {
        Connection connection;
        try {
            connection = connect(target, trust, password, null);
        } catch (RuntimeException e) {
            throw EngineErrors.translate("cannot log in to " + target.label(), target, e);
        }
        try {
            connection.authenticate();
        } catch (RuntimeException e) {
            closeQuietly(connection, false); // its connection pool and threads too
            throw EngineErrors.translate("cannot log in to " + target.label(), target, e);
        }
        return connection;
    }

    /**
     * The SDK's connection, with a password or with a kept token. A token-only connection has no user either: if
     * the Manager rejects the token the SDK tries to log in anew, and with no user that try can count against none.
     */
    private static Connection connect(EngineTarget target, TrustStore trust, char[] password, String token) {
        ConnectionBuilder builder = ConnectionBuilder.connection()
                .url(target.url())
                .insecure(target.insecure())
                .timeout(TIMEOUT_MS);
        if (token != null) {
            builder.token(token);
        } else {
            builder.user(target.user()).password(new String(password));
        }
        if (trust != null) {
            builder.trustStoreFile(trust.file()).trustStorePassword(trust.password());
        }
        return builder.build();
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
                        e.hostPresent() ? e.host().id() : null,
                        e.hostPresent() && e.host().namePresent() ? e.host().name() : null));
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
        remove(host, false);
    }

    /** Removes the host; {@code force} is the remove action's force flag, as the Administration Portal sets it. */
    public void remove(Host host, boolean force) {
        call("cannot remove " + host.name(), () -> connection.systemService().hostsService().hostService(host.id())
                .remove().force(force).send());
    }

    /**
     * Setup Host Networks: attaches the cluster's logical network {@code network} to the host's NIC {@code nic},
     * checking connectivity and committed at once, as the Administration Portal's dialog does when one network is
     * dragged onto a NIC and saved.
     */
    public void attachNetwork(Host host, String network, String nic) {
        call("cannot attach " + network + " to " + nic + " of " + host.name(),
                () -> connection.systemService().hostsService().hostService(host.id()).setupNetworks()
                        .modifiedNetworkAttachments(new NetworkAttachmentBuilder()
                                .network(new NetworkBuilder().name(network))
                                .hostNic(new HostNicBuilder().name(nic)))
                        .checkConnectivity(true).commitOnSuccess(true).send());
    }

    /**
     * The networks of {@code host} and of its cluster ({@code clusterId}): three requests (the cluster's networks, the
     * host's network attachments, its NICs). An attachment names its network by id only, resolved by the cluster's.
     */
    public org.heshell.model.HostNetworks hostNetworks(Host host, String clusterId) {
        return call("cannot read the networks of " + host.name(), () -> {
            var system = connection.systemService();
            java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
            for (var n : system.clustersService().clusterService(clusterId).networksService().list().send()
                    .networks()) {
                names.put(n.id(), n.name());
            }
            var hs = system.hostsService().hostService(host.id());
            List<String> attached = new ArrayList<>();
            for (var a : hs.networkAttachmentsService().list().send().attachments()) {
                if (a.networkPresent()) {
                    String name = a.network().namePresent() ? a.network().name() : names.get(a.network().id());
                    if (name != null) {
                        attached.add(name);
                    }
                }
            }
            List<String> nics = hs.nicsService().list().send().nics().stream().filter(n -> n.namePresent())
                    .map(n -> n.name()).toList();
            return new org.heshell.model.HostNetworks(List.copyOf(names.values()), attached, nics);
        });
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
            if (!keptToken || !tokenRejected(e)) {
                throw EngineErrors.translate(doing, target, e);
            }
        }
        // The kept token was rejected (it expired, or the engine restarted); the Manager did nothing with the
        // request, so it is made again once logged in.
        keptToken = false;
        tokens.drop(target);
        Connection fresh = login(target, trust, password);
        closeQuietly(connection, false);
        connection = fresh;
        tokens.save(target, connection.authenticate());
        try {
            return request.get();
        } catch (RuntimeException e) {
            throw EngineErrors.translate(doing, target, e);
        }
    }

    /**
     * The SDK goes to the SSO service only after the API answered 401: on a token-only connection, any failure of
     * that login (refused, or an answer that is not the SSO's JSON) means the token was refused.
     */
    private static boolean tokenRejected(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Error during SSO authentication") || m.contains("Failed to send SSO request")
                    || m.contains("Failed to parse JSON response")) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(Connection connection, boolean logout) {
        try {
            connection.close(logout);
        } catch (Exception ignored) {
            // logging out of an engine that is gone is not worth an error
        }
    }

    /** Logs out: the token is revoked on the Manager and forgotten here. */
    public void logout() {
        if (tokens != null) {
            tokens.drop(target);
        }
        try {
            connection.close(true);
        } catch (Exception e) {
            throw EngineErrors.translate("cannot log out of " + target.label(), target,
                    e instanceof RuntimeException r ? r : new IllegalStateException(e));
        } finally {
            if (trust != null) {
                trust.close();
            }
        }
    }

    @Override
    public void close() {
        try {
            // a kept token stays valid for the next run; one that is not kept is revoked
            closeQuietly(connection, tokens == null);
        } finally {
            if (trust != null) {
                trust.close();
            }
        }
    }
}
