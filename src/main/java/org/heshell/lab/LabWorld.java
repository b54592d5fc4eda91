package org.heshell.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The lab's Manager and hypervisors in one: the live state, the transitions the real engine makes (maintenance
 * through PreparingForMaintenance while VMs migrate one by one, activation, removal) and their timing. Every
 * change is handed to {@code persist} at once, so a restarted lab finds the world as it was.
 */
public final class LabWorld implements AutoCloseable {
    /** Seconds a migration takes at speed 1: a fixed part plus a part per GiB of VM memory. */
    static final double MIGRATION_BASE_SECONDS = 1.5;
    static final double MIGRATION_SECONDS_PER_GIB = 0.5;
    static final double ACTIVATION_SECONDS = 2.0;
    /** Seconds from adding a host (with its installation) until it is Up. */
    static final double INSTALL_SECONDS = 4.0;
    /** Seconds until the HA agents start a shut-down engine VM again, outside global maintenance. */
    static final double HA_RESTART_SECONDS = 30.0;
    /** Seconds from a VM's run until it is Up (WaitForLaunch, PoweringUp), and of a guest's shutdown. */
    static final double VM_START_SECONDS = 3.0;
    static final double VM_SHUTDOWN_SECONDS = 5.0;
    /** The engine's BackupCheckPeriodInHours (6), in lab seconds, and BackupAlertPeriodInDays (1). */
    static final double BACKUP_CHECK_SECONDS = 6 * 3600;
    static final int BACKUP_ALERT_DAYS = 1;
    /** The engine's AutoRecoverySchedule ("0 0/5 * * * ?"): every five minutes, in lab seconds. */
    static final double AUTORECOVERY_SECONDS = 300;

    private final LabState settings;
    private final Map<String, LabHost> hosts = new LinkedHashMap<>();
    private final Map<String, LabVm> vms = new LinkedHashMap<>();
    private final Consumer<LabState> persist;
    private final LabClock clock;
    private final LabEvents events;
    private boolean globalMaintenance;
    /** Hosts in PreparingForMaintenance whose next VM had nowhere to go. */
    private final java.util.Set<String> stalled = new java.util.LinkedHashSet<>();
    private static final String USER = "admin@internal-authz";
    private double speed;
    private LabFaults faults;
    private LabSite site;
    private volatile Runnable siteChanged = () -> { };
    /** Bumped by a reset: what the clock was to do in the world before it is not done in the new one. */
    private long epoch;
    /** The hosts and VMs as they ran before a restore's bootstrap engine replaced the Manager's view. */
    private List<LabHost> hostsBeforeBootstrap;
    private List<LabVm> vmsBeforeBootstrap;

    public LabWorld(LabState state, Consumer<LabState> persist) {
        this(state, persist, new LabEvents(null));
    }

    /** A world that records what happens in {@code events}, its audit log. */
    LabWorld(LabState state, Consumer<LabState> persist, LabEvents events) {
        this.events = events;
        this.settings = state;
        this.globalMaintenance = state.globalMaintenance();
        this.persist = persist;
        this.speed = state.speed();
        this.clock = new LabClock(speed);
        this.faults = state.faults();
        this.site = state.site();
        state.hosts().forEach(h -> hosts.put(h.id(), h));
        state.vms().forEach(v -> vms.put(v.id(), v));
        resumeInterrupted();
        scheduleBackupCheck();
        scheduleAutoRecovery();
    }

    public synchronized LabState snapshot() {
        return settings.with(speed, new ArrayList<>(hosts.values()), new ArrayList<>(vms.values()), faults,
                site, globalMaintenance);
    }

    public synchronized double speed() {
        return speed;
    }

    public synchronized void setSpeed(double newSpeed) {
        if (!(newSpeed > 0 && newSpeed <= 10_000)) {
            throw new IllegalArgumentException("lab speed must be above 0 and at most 10000");
        }
        speed = newSpeed;
        clock.setSpeed(newSpeed);
        changed();
    }

    public synchronized LabFaults faults() {
        return faults;
    }

    public synchronized void setFaults(LabFaults newFaults) {
        if (newFaults.dropAfterBytes() < 0 || newFaults.slowKbps() < 0) {
            throw new LabFault(400, "[fault values must not be negative]");
        }
        faults = newFaults;
        changed();
    }

    /** Told after the engine goes or comes back, so the engine VM's SSH server follows. */
    void onSiteChanged(Runnable listener) {
        siteChanged = listener;
    }

    public synchronized LabSite site() {
        return site;
    }

    /**
     * Replaces the DNS table, the machines' OS versions and the appliance. The engine's state changes only towards
     * the disaster here: a running engine may hang (its VM runs, its API is dead), and any engine VM may be lost
     * ("gone"); it comes back only through a restore deployment, or a shut-down VM through hosted-engine --vm-start.
     */
    public void setSite(LabSite next) {
        synchronized (this) {
            String from = site.engine();
            String to = next.engine();
            boolean allowed = to.equals(from) || to.equals(LabSite.GONE) && List.of(LabSite.UP, LabSite.HUNG,
                    LabSite.DOWN).contains(from) || to.equals(LabSite.HUNG) && from.equals(LabSite.UP);
            if (!allowed) {
                throw new LabFault(409, "[the engine comes back only by a restore: hosted-engine --deploy"
                        + " --restore-from-file=FILE on a host]");
            }
            List<String> before = site.machines().stream().map(LabMachine::fqdn).toList();
            if (!next.machines().stream().map(LabMachine::fqdn).toList().equals(before)) {
                throw new LabFault(400, "[the lab's machines are fixed: " + String.join(", ", before)
                        + "; only their OS versions can change]");
            }
            List<String> clusterNetworks = next.networks().stream().map(LabNetwork::name).toList();
            for (LabMachine m : next.machines()) {
                if (m.os() == null || !m.os().matches("\\d{1,3}(\\.\\d{1,3})?")) {
                    throw new LabFault(400, "[OS version of " + m.fqdn() + " must look like 8.10, not " + m.os() + "]");
                }
                for (String n : m.networks()) {
                    if (!clusterNetworks.contains(n)) {
                        throw new LabFault(400, "[" + m.fqdn() + " carries network " + n + ", which the cluster does"
                                + " not have; its networks: " + String.join(", ", clusterNetworks) + "]");
                    }
                }
            }
            List<String> newlyLost = disasters(next);
            site = new LabSite(from, next.appliance(), next.machines(), next.dns(), next.networks(), site.lost(),
                    site.hostedStorage());
            newlyLost.forEach(this::loseMachine);
            if (next.storageLost() && !site.storageLost()) {
                loseStorage();
            }
            if (to.equals(LabSite.GONE) && !site.engine().equals(LabSite.GONE)) {
                breakEngine();
            } else if (to.equals(LabSite.HUNG) && site.engine().equals(LabSite.UP)) {
                site = site.withEngine(LabSite.HUNG); // ovirt-engine stops answering; its VM and the hosts run on
            }
            changed();
        }
        siteChanged.run();
    }

    /**
     * Back to {@code fresh}, keeping nothing of the world before (hosts, VMs, machines, DNS, faults, a deployment
     * under way); only the clock's speed stays, as the user set it.
     */
    public void reset(LabState fresh) {
        synchronized (this) {
            epoch++;
            hostsBeforeBootstrap = null;
            vmsBeforeBootstrap = null;
            hosts.clear();
            fresh.hosts().forEach(h -> hosts.put(h.id(), h));
            vms.clear();
            fresh.vms().forEach(v -> vms.put(v.id(), v));
            faults = LabFaults.NONE;
            site = fresh.site();
            events.clear();
            stalled.clear();
            globalMaintenance = false;
            scheduleBackupCheck();
            scheduleAutoRecovery();
            changed();
        }
        siteChanged.run();
    }

    /**
     * The machines {@code next} newly names lost, after checking that the disasters only grow: a machine lost for
     * good and a storage domain gone come back only by a reset, as no command brings back burnt hardware.
     */
    private List<String> disasters(LabSite next) {
        if (site.lost().stream().anyMatch(f -> !next.isLost(f)) || !next.hostedStorage().equals(site.hostedStorage())
                && !(next.storageLost() && site.hostedStorage().equals(LabSite.STORAGE_OK))) {
            throw LabFault.conflict("[what the lab lost comes back only with lab reset]");
        }
        List<String> added = next.lost().stream().filter(f -> !site.isLost(f)).distinct().toList();
        for (String fqdn : added) {
            if (site.machine(fqdn).isEmpty() || fqdn.equalsIgnoreCase(settings.engineFqdn())) {
                throw new LabFault(400, "[" + fqdn + " is not one of the lab's hosts]");
            }
        }
        return added;
    }

    /**
     * A host lost for good: it answers nothing, so the engine marks it Non Responsive and, with no power management
     * to fence it, sets its VMs to Unknown (it cannot tell whether they still run). If the engine VM ran there, the
     * Manager dies with it and the HA agents on the other hosts start it elsewhere once its lease expires, unless in
     * global maintenance.
     */
    private void loseMachine(String fqdn) {
        List<String> lost = new ArrayList<>(site.lost());
        lost.add(fqdn);
        site = site.withLost(lost);
        LabHost h = hosts.values().stream().filter(x -> x.address().equalsIgnoreCase(fqdn)).findFirst().orElse(null);
        if (h == null) {
            return; // a machine the Manager does not know (the spare): only its SSH goes
        }
        stalled.remove(h.id());
        hosts.put(h.id(), h.withStatus("non_responsive").withHostedEngine(0, h.heLocalMaintenance()));
        event(LabEvent.VDS_FAILURE, "error", "Host " + h.name() + " is non responsive.", h, null);
        event(LabEvent.VDS_HOST_NOT_RESPONDING, "warning", "Host " + h.name() + " is not responding. Host cannot be"
                + " fenced automatically because power management for the host is disabled.", h, null);
        boolean engineRanThere = false;
        for (LabVm v : List.copyOf(vms.values())) {
            if (h.id().equals(v.migratingTo())) {
                vms.put(v.id(), v.stayed()); // a migration to it fails; the VM stays where it ran
            } else if (h.id().equals(v.hostId()) && v.engine()) {
                engineRanThere = site.engineVmRuns();
                vms.put(v.id(), new LabVm(v.id(), v.name(), "down", null, null, v.memoryMb(), true, v.fqdn()));
            } else if (h.id().equals(v.hostId()) && !"down".equals(v.status())) {
                vms.put(v.id(), new LabVm(v.id(), v.name(), "unknown", v.hostId(), null, v.memoryMb(), false,
                        v.fqdn()));
                event(LabEvent.VM_SET_TO_UNKNOWN_STATUS, "warning", "VM " + v.name() + " was set to the Unknown"
                        + " status.", h, v);
            }
        }
        if (engineRanThere) {
            site = site.withEngine(LabSite.DOWN);
            restartEngineVmLater(null);
        }
    }

    /**
     * hosted_storage is gone: the engine VM loses its disk and goes down, the Manager with it, and no HA agent can
     * start it again (its disk and the agents' shared metadata were there). Only a restore onto new storage helps.
     */
    private void loseStorage() {
        site = site.withHostedStorage(LabSite.STORAGE_LOST);
        if (site.engineVmRuns() || site.engine().equals(LabSite.DOWN)) {
            vms.replaceAll((id, v) -> v.engine() ? new LabVm(v.id(), v.name(), "down", null, null, v.memoryMb(),
                    true, v.fqdn()) : v);
            site = site.withEngine(LabSite.DOWN);
        }
    }

    /** The disaster: the engine VM is gone, and with it the Manager; hosts and their VMs run on. */
    private void breakEngine() {
        vms.replaceAll((id, v) -> v.engine() ? new LabVm(v.id(), v.name(), "down", null, null, v.memoryMb(), true,
                v.fqdn()) : v);
        site = site.withEngine(LabSite.GONE);
    }

    /**
     * A restore deployment's bootstrap engine starts with the backup's database in place of the Manager's state.
     * Refused while an engine runs or another deployment is under way.
     */
    void bootstrap(List<LabHost> restoredHosts, List<LabVm> restoredVms) {
        synchronized (this) {
            if (!site.engine().equals(LabSite.GONE) && !site.engine().equals(LabSite.DOWN)) {
                throw new LabFault(409, site.engineVmRuns()
                        ? "the engine " + settings.engineFqdn() + " is running; a restore deploys only when it is gone"
                        : "another hosted-engine deployment is in progress");
            }
            hostsBeforeBootstrap = List.copyOf(hosts.values());
            vmsBeforeBootstrap = List.copyOf(vms.values());
            hosts.clear();
            restoredHosts.forEach(h -> hosts.put(h.id(), h));
            vms.clear();
            restoredVms.forEach(v -> vms.put(v.id(), v));
            site = site.withEngine(LabSite.BOOTSTRAP);
            changed();
        }
        siteChanged.run();
    }

    /**
     * A failed deployment: its bootstrap engine is destroyed, no engine runs, and the hosts and VMs are as they
     * ran before it (the restored database lived only in the bootstrap VM).
     */
    void abandonBootstrap() {
        synchronized (this) {
            if (hostsBeforeBootstrap != null) {
                hosts.clear();
                hostsBeforeBootstrap.forEach(h -> hosts.put(h.id(), h));
                vms.clear();
                vmsBeforeBootstrap.forEach(v -> vms.put(v.id(), v));
                hostsBeforeBootstrap = null;
                vmsBeforeBootstrap = null;
            }
            site = site.withEngine(LabSite.GONE);
            changed();
        }
        siteChanged.run();
    }

    /**
     * A host just added reports the VMs that run on it; the engine takes each as running there, wherever its
     * database had it (ovirt-engine's VmAnalyzer: "detected on an unexpected host").
     */
    synchronized void vmsReported(String hostId, List<String> vmIds) {
        for (String id : vmIds) {
            LabVm v = vms.get(id);
            if (v != null && hosts.containsKey(hostId)) {
                vms.put(id, new LabVm(v.id(), v.name(), "up", hostId, null, v.memoryMb(), v.engine(), v.fqdn()));
            }
        }
        changed();
    }

    /** The deployment finished: the new engine VM runs on {@code hostId} and the Manager is up. */
    void engineDeployed(String hostId, String vmId) {
        engineDeployed(hostId, vmId, null);
    }

    /**
     * The deployment finished on new storage ({@code storage}, SERVER:/PATH; null when it was given none and
     * hosted_storage was there): the role renamed the old domain hosted_storage_old_STAMP in the restored database
     * (iso8601_basic_short, UTC) and made hosted_storage anew there.
     */
    void engineDeployed(String hostId, String vmId, String storage) {
        synchronized (this) {
            hostsBeforeBootstrap = null;
            vmsBeforeBootstrap = null;
            vms.put(vmId, new LabVm(vmId, "HostedEngine", "up", hostId, null, LabScenario.ENGINE_VM_MEMORY_MB, true,
                    settings.engineFqdn()));
            site = site.withEngine(LabSite.UP);
            if (storage != null || site.storageLost()) {
                // the deployment made a new hosted_storage; the old one is renamed with the time of the restore
                site = site.withHostedStorage(LabSite.STORAGE_REPLACED + " " + java.time.format.DateTimeFormatter
                        .ofPattern("yyyyMMdd'T'HHmmss").withZone(java.time.ZoneOffset.UTC)
                        .format(java.time.Instant.now()) + (storage != null ? " " + storage : ""));
            }
            globalMaintenance = false; // the new engine VM has a new hosted-engine storage domain, new HA metadata
            changed();
        }
        siteChanged.run();
    }

    /**
     * hosted-engine --vm-shutdown (or --vm-poweroff) on {@code hostFqdn}: the engine VM stops if it runs there. Unless
     * in global maintenance, the HA agents start it again a little later, as real ones do.
     */
    public void shutDownEngineVm(String hostFqdn) {
        synchronized (this) {
            LabVm engineVm = runningEngineVm().filter(v -> hostFqdn.equalsIgnoreCase(hosts.get(v.hostId()).address()))
                    .orElseThrow(() -> LabFault.notFound("Virtual machine HostedEngine on " + hostFqdn));
            String ranOn = engineVm.hostId();
            vms.put(engineVm.id(), new LabVm(engineVm.id(), engineVm.name(), "down", null, null, engineVm.memoryMb(),
                    true, engineVm.fqdn()));
            site = site.withEngine(LabSite.DOWN);
            changed();
            restartEngineVmLater(ranOn);
        }
        siteChanged.run();
    }

    /**
     * Unless in global maintenance, the HA agents start a down engine VM again after a while: on {@code preferred}
     * if it still answers, else on the hosted-engine host with the best score (Up, not in local maintenance).
     */
    private void restartEngineVmLater(String preferred) {
        if (globalMaintenance) {
            return;
        }
        long scheduledIn = epoch;
        clock.after(HA_RESTART_SECONDS, () -> {
            String on;
            synchronized (this) {
                boolean restart = epoch == scheduledIn && site.engine().equals(LabSite.DOWN) && !globalMaintenance
                        && !site.storageLost();
                on = restart ? haCandidate(preferred) : null;
            }
            if (on != null) {
                try {
                    startEngineVm(on);
                } catch (LabFault e) {
                    // started (or deployed over) in the meantime
                }
            }
        });
    }

    /** Where an HA agent would start the engine VM: {@code preferred} if it can, else the best-scored host. */
    private String haCandidate(String preferred) {
        List<LabHost> able = hosts.values().stream().filter(h -> h.heConfigured() && h.up() && !h.heLocalMaintenance()
                && !site.isLost(h.address())).toList();
        if (preferred != null && able.stream().anyMatch(h -> h.id().equals(preferred))) {
            return preferred;
        }
        return able.stream().max(java.util.Comparator.comparingInt(LabHost::heScore)).map(LabHost::id).orElse(null);
    }

    /** hosted-engine --vm-start on host {@code hostId}: a shut-down engine VM starts there, its engine with it. */
    public void startEngineVm(String hostId) {
        synchronized (this) {
            if (!site.engine().equals(LabSite.DOWN)) {
                throw LabFault.conflict(site.engineVmRuns() ? "[the engine VM is running already]"
                        : "[there is no engine VM to start: " + site.engine() + "]");
            }
            if (site.storageLost()) {
                throw LabFault.conflict("[The hosted engine configuration has not been retrieved from shared storage."
                        + " Please ensure that ovirt-ha-agent is running and the storage server is reachable.]");
            }
            LabVm engineVm = vms.values().stream().filter(LabVm::engine).findFirst().orElseThrow(
                    () -> LabFault.notFound("VM HostedEngine"));
            vms.put(engineVm.id(), new LabVm(engineVm.id(), engineVm.name(), "up", hostId, null, engineVm.memoryMb(),
                    true, engineVm.fqdn()));
            site = site.withEngine(LabSite.UP);
            changed();
        }
        siteChanged.run();
    }

    private Optional<LabVm> runningEngineVm() {
        return site.engineVmRuns() ? vms.values().stream().filter(v -> v.engine() && "up".equals(v.status())
                && hosts.containsKey(v.hostId())).findFirst() : Optional.empty();
    }

    /** All hosts, as the Manager has them now. */
    synchronized List<LabHost> hosts() {
        return List.copyOf(hosts.values());
    }

    /** All VMs, as the Manager has them now. */
    synchronized List<LabVm> vms() {
        return List.copyOf(vms.values());
    }

    /**
     * Adds a host as the engine does: refused when another host has its name, address or one of its IPs; then it
     * installs (with hosted-engine when asked) and comes Up, or InstallFailed when no such machine answers.
     * {@code installed} skips the wait (the deploying host of a restore is installed already).
     */
    public synchronized LabHost addHost(String name, String address, boolean deployHostedEngine, boolean installed) {
        if (name == null || name.isBlank() || address == null || address.isBlank()) {
            throw new LabFault(400, "[Cannot add Host. Name and address are required.]");
        }
        Optional<LabMachine> machine = site.machine(address);
        List<String> ips = machine.map(LabMachine::ips).orElse(site.resolver().forward(address));
        for (LabHost h : hosts.values()) {
            if (h.name().equalsIgnoreCase(name)) {
                throw LabFault.conflict("[Cannot add Host. The Host name is already in use, please choose a unique"
                        + " name and try again.]");
            }
            if (h.address().equalsIgnoreCase(address) || h.ips().stream().anyMatch(ips::contains)) {
                throw LabFault.conflict("[Cannot add Host. The address of the host is already in use.]");
            }
        }
        long memory = hosts.values().stream().mapToLong(LabHost::memoryMb).max().orElse(LabScenario.HOST_MEMORY_MB);
        String id = java.util.UUID.randomUUID().toString();
        LabHost added = new LabHost(id, name, address, ips, java.util.UUID.nameUUIDFromBytes(
                ("hw" + address).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString(),
                installed ? "up" : "installing", memory, deployHostedEngine, deployHostedEngine && installed ? 3400 : 0,
                false, null);
        hosts.put(id, added);
        event(LabEvent.USER_ADD_VDS, "normal", "Host " + name + " was added by " + USER + ".", added, null, USER);
        changed();
        if (!installed) {
            after(INSTALL_SECONDS, () -> finishInstall(id));
        }
        return added;
    }

    /** An installation ends: Up (with hosted-engine when asked), or InstallFailed when no such machine answers. */
    private void finishInstall(String id) {
        LabHost now = hosts.get(id);
        if (now == null || !"installing".equals(now.status())) {
            return;
        }
        boolean answers = site.machine(now.address()).isPresent() && !site.isLost(now.address());
        if (answers) {
            event(LabEvent.VDS_INSTALL, "normal", "Host " + now.name() + " installed", now, null);
            hosts.put(id, upOrNonOperational(now));
        } else {
            hosts.put(id, now.withStatus("install_failed"));
            event(LabEvent.VDS_INSTALL_FAILED, "error", "Host " + now.name() + " installation failed. Failed to"
                    + " connect to " + now.address() + ".", now, null);
        }
        changed();
        retryStalledMaintenance();
    }

    /**
     * A host the engine brings up (installed, activated): Up, unless its machine lacks a network the cluster
     * requires; then Non Operational, with the event HostNetworkTopologyPersister has SetNonOperationalVds log.
     */
    private LabHost upOrNonOperational(LabHost h) {
        List<String> missing = site.missingNetworks(h.address());
        if (missing.isEmpty()) {
            return h.withStatus("up").withHostedEngine(h.heConfigured() ? 3400 : 0, false);
        }
        event(LabEvent.VDS_SET_NONOPERATIONAL_NETWORK, "warning", "Host " + h.name() + " does not comply with the"
                + " cluster " + settings.clusterName() + " networks, the following networks are missing on host: '"
                + String.join(",", missing) + "'", h, null);
        // without the network its storage is on, the host's HA agent cannot score it
        return h.nonOperational(LabHost.NETWORK_UNREACHABLE);
    }

    /**
     * Setup Host Networks (HostSetupNetworksCommand): attaches cluster networks to NICs of the host's machine,
     * validated as the engine validates. A host Non Operational for want of them stays so until it is activated, or
     * until the engine's auto-recovery activates it; the engine records no event of its own for the change.
     */
    public synchronized void setupNetworks(String hostId, List<Map.Entry<String, String>> attachments) {
        LabHost h = host(hostId);
        if (!List.of("maintenance", "up", "non_operational").contains(h.status())) {
            throw LabFault.conflict("[Cannot setup Networks. Operation can be performed only when Host status is"
                    + " Maintenance,Up,NonOperational.]");
        }
        List<String> cluster = new ArrayList<>(List.of("ovirtmgmt"));
        site.networks().forEach(n -> cluster.add(n.name()));
        List<String> unknown = attachments.stream().map(Map.Entry::getKey).filter(n -> !cluster.contains(n))
                .distinct().toList();
        if (!unknown.isEmpty()) {
            throw LabFault.conflict("[Cannot setup Networks. The following Logical Networks do not exist in the"
                    + " Host's Cluster: " + String.join(", ", unknown) + ".]");
        }
        List<String> nics = List.of("eth0", LabMachine.DATA_NIC);
        List<String> noNic = attachments.stream().map(Map.Entry::getValue).filter(n -> !nics.contains(n))
                .distinct().map(String::valueOf).toList();
        if (!noNic.isEmpty()) {
            throw LabFault.conflict("[Cannot setup Networks. The following Network Interfaces do not exist on the"
                    + " Host: " + String.join(", ", noNic) + ".]");
        }
        for (Map.Entry<String, String> a : attachments) {
            if (a.getKey().equals("ovirtmgmt") != a.getValue().equals("eth0")) {
                throw LabFault.conflict("[Cannot setup Networks. In the lab, eth0 carries ovirtmgmt and only it;"
                        + " the other networks go on " + LabMachine.DATA_NIC + ".]");
            }
        }
        LabMachine m = site.machine(h.address()).orElseThrow(() -> LabFault.conflict("[Cannot setup Networks."
                + " Host " + h.name() + " does not answer: " + h.address() + " is no machine of the lab.]"));
        List<String> on = new ArrayList<>(m.networks());
        attachments.stream().map(Map.Entry::getKey).filter(n -> !n.equals("ovirtmgmt") && !on.contains(n))
                .forEach(on::add);
        site = site.withMachine(m.withNetworks(on));
        changed();
    }

    public synchronized LabHost host(String id) {
        LabHost h = hosts.get(id);
        if (h == null) {
            throw LabFault.notFound("Host " + id);
        }
        return h;
    }

    public synchronized LabVm vm(String id) {
        LabVm v = vms.get(id);
        if (v == null) {
            throw LabFault.notFound("VM " + id);
        }
        return v;
    }

    /** Maintenance: the host prepares, its VMs migrate one after another, then it is in Maintenance. */
    public synchronized void deactivate(String hostId) {
        deactivate(hostId, null);
    }

    /** Maintenance with the reason the user gave (the deactivate action's {@code reason}; null or blank: none). */
    public synchronized void deactivate(String hostId, String reason) {
        LabHost h = host(hostId);
        switch (h.status()) {
            case "maintenance" -> throw LabFault.conflict(
                    "[Cannot switch Host to Maintenance mode. Host is already in Maintenance mode.]");
            case "preparing_for_maintenance" -> throw LabFault.conflict(
                    "[Cannot switch Host to Maintenance mode. Host is already switching to Maintenance mode.]");
            case "up", "non_operational", "non_responsive", "initializing", "unassigned" -> { }
            default -> throw LabFault.conflict("[Cannot switch Host to Maintenance mode. Host status is "
                    + h.status() + ".]");
        }
        hosts.put(hostId, h.withStatus("preparing_for_maintenance")); // no longer Non Operational for any reason
        // MaintenanceVdsCommand's own entry: with the reason the user gave, or the code without reason
        boolean withReason = reason != null && !reason.isBlank();
        event(withReason ? LabEvent.USER_VDS_MAINTENANCE : LabEvent.USER_VDS_MAINTENANCE_WITHOUT_REASON, "normal",
                "Host " + h.name() + " was switched to Maintenance mode by " + USER + (withReason ? " (Reason: "
                + reason.strip() + ")." : "."), h, null, USER);
        changed();
        evacuateNext(hostId);
    }

    public synchronized void activate(String hostId) {
        LabHost h = host(hostId);
        if ("up".equals(h.status())) {
            throw LabFault.conflict("[Cannot activate Host. Host is already Up.]");
        }
        // From PreparingForMaintenance this cancels the evacuation: VMs not yet migrated stay where they are.
        hosts.put(hostId, h.withStatus("unassigned"));
        stalled.remove(hostId); // a later maintenance that stalls again is recorded again
        event(LabEvent.VDS_ACTIVATE, "normal", "Activation of host " + h.name() + " initiated by " + USER + ".", h,
                null, USER);
        changed();
        after(ACTIVATION_SECONDS, () -> {
            LabHost now = hosts.get(hostId);
            if (now != null && "unassigned".equals(now.status()) && site.isLost(now.address())) {
                hosts.put(hostId, now.withStatus("non_responsive")); // vdsm there never answers
                event(LabEvent.VDS_FAILURE, "error", "Host " + now.name() + " is non responsive.", now, null);
                changed();
            } else if (now != null && "unassigned".equals(now.status())) {
                hosts.put(hostId, upOrNonOperational(now));
                changed();
                retryStalledMaintenance(); // room has appeared
            }
        });
    }

    /** Removal is refused while the host is operational, as RemoveVds validates. */
    public synchronized void remove(String hostId) {
        remove(hostId, false);
    }

    /**
     * RemoveVds: refused while the host is operational or runs VMs, whether {@code force} or not; the engine's
     * force matters only for Gluster bricks, which the lab's hosts do not have (RemoveVdsCommand.validate).
     */
    public synchronized void remove(String hostId, boolean force) {
        LabHost h = host(hostId);
        if (!List.of("maintenance", "down", "non_operational", "non_responsive", "install_failed",
                "pending_approval", "unassigned", "installing_os").contains(h.status())) {
            throw LabFault.conflict(
                    "[Cannot remove Host. Host is operational. Please switch Host to Maintenance mode first.]");
        }
        boolean busy = vms.values().stream().anyMatch(v -> (hostId.equals(v.hostId())
                || hostId.equals(v.migratingTo())) && !"down".equals(v.status()));
        if (busy) {
            throw LabFault.conflict("[Cannot remove Host. One or more VMs are still running on this Host.]");
        }
        hosts.remove(hostId);
        stalled.remove(hostId);
        event(LabEvent.USER_REMOVE_VDS, "normal", "Host " + h.name() + " was removed by " + USER + ".", h, null,
                USER);
        changed();
    }

    /** Migrates one VM, to {@code targetId} or wherever placement says. */
    public synchronized void migrate(String vmId, String targetId) {
        LabVm v = vm(vmId);
        if (!"up".equals(v.status())) {
            throw LabFault.conflict("[Cannot migrate VM. VM " + v.name() + " is not running.]");
        }
        LabHost target = targetId == null
                ? Placement.target(v, hosts.values(), vms.values()).orElseThrow(() -> LabFault.conflict(
                        "[Cannot migrate VM. There is no host that satisfies current scheduling constraints.]"))
                : host(targetId);
        if (target.id().equals(v.hostId())) {
            throw LabFault.conflict("[Cannot migrate VM. source and destination is the same.]");
        }
        if (!target.up() || v.engine() && !target.heConfigured()
                || Placement.free(target, vms.values()) < v.memoryMb()) {
            throw LabFault.conflict("[Cannot migrate VM. There is no host that satisfies current scheduling"
                    + " constraints. See below for details:, The host " + target.name() + " did not satisfy internal"
                    + " filter " + (!target.up() ? "Status" : v.engine() ? "HostedEnginesSpares" : "Memory") + ".]");
        }
        startMigration(v, target, null);
    }

    /**
     * Runs a down VM (RunVmCommand): WaitForLaunch on the host the scheduler picks, Up a little later. The engine
     * VM is refused, as VmActionByVmOriginTypeValidator refuses run, stop and shutdown of a hosted-engine VM: the
     * HA agents start and stop it.
     */
    public synchronized void startVm(String vmId) {
        LabVm v = vm(vmId);
        refuseEngineVm(v, "run");
        if (!"down".equals(v.status())) {
            throw LabFault.conflict("up".equals(v.status()) ? "[Cannot run VM. VM is running.]"
                    : "[Cannot run VM because the VM is in " + label(v.status()) + " status.]");
        }
        LabHost target = Placement.target(v, hosts.values(), vms.values()).orElseThrow(() -> LabFault.conflict(
                "[Cannot run VM. There is no host that satisfies current scheduling constraints. See below for"
                        + " details:, The host did not satisfy internal filter Memory.]"));
        LabVm launching = new LabVm(v.id(), v.name(), "wait_for_launch", target.id(), null, v.memoryMb(), false,
                v.fqdn());
        vms.put(v.id(), launching);
        event(LabEvent.USER_STARTED_VM, "normal", "VM " + v.name() + " was started by " + USER + " (Host: "
                + target.name() + ").", target, v, USER);
        changed();
        after(VM_START_SECONDS, () -> {
            LabVm now = vms.get(v.id());
            if (now != null && "wait_for_launch".equals(now.status()) && target.id().equals(now.hostId())) {
                vms.put(v.id(), new LabVm(v.id(), v.name(), "up", target.id(), null, v.memoryMb(), false, v.fqdn()));
                event(LabEvent.USER_RUN_VM, "normal", "VM " + v.name() + " started on Host " + target.name(),
                        hosts.get(target.id()), v, USER);
                changed();
            }
        });
    }

    /** Powers a VM off at once (StopVmCommand): a VM that is not running is refused, as is the engine VM. */
    public synchronized void stopVm(String vmId) {
        LabVm v = vm(vmId);
        refuseEngineVm(v, "stop");
        refuseNotRunning(v, "stop");
        LabHost on = hosts.get(v.hostId());
        String hostName = on == null ? "N/A" : on.name();
        vms.put(v.id(), down(v));
        event(LabEvent.USER_STOP_VM, "normal", "VM " + v.name() + " powered off by " + USER + " (Host: " + hostName
                + ").", on, v, USER);
        event(LabEvent.VM_DOWN, "normal", "VM " + v.name() + " is down. Exit message: Admin shut down from the"
                + " engine", on, v);
        changed();
        retryStalledMaintenance(); // its memory is free now
    }

    /** Asks the guest to shut down (ShutdownVmCommand): Powering Down, then Down when the guest is done. */
    public synchronized void shutdownVm(String vmId) {
        LabVm v = vm(vmId);
        refuseEngineVm(v, "shutdown");
        refuseNotRunning(v, "shutdown");
        LabHost on = hosts.get(v.hostId());
        vms.put(v.id(), new LabVm(v.id(), v.name(), "powering_down", v.hostId(), null, v.memoryMb(), false,
                v.fqdn()));
        event(LabEvent.USER_INITIATED_SHUTDOWN_VM, "normal", "VM shutdown initiated by " + USER + " on VM " + v.name()
                + " (Host: " + (on == null ? "N/A" : on.name()) + ").", on, v, USER);
        changed();
        after(VM_SHUTDOWN_SECONDS, () -> {
            LabVm now = vms.get(v.id());
            if (now != null && "powering_down".equals(now.status())) {
                vms.put(v.id(), down(now));
                event(LabEvent.VM_DOWN, "normal", "VM " + v.name() + " is down. Exit message: User shut down from"
                        + " within the guest", hosts.get(now.hostId()), v);
                changed();
                retryStalledMaintenance();
            }
        });
    }

    private static LabVm down(LabVm v) {
        return new LabVm(v.id(), v.name(), "down", null, null, v.memoryMb(), v.engine(), v.fqdn());
    }

    private static void refuseEngineVm(LabVm v, String action) {
        if (v.engine()) {
            throw LabFault.conflict("[Cannot " + action + " VM. This VM is not managed by the engine.]");
        }
    }

    private static void refuseNotRunning(LabVm v, String action) {
        if ("down".equals(v.status())) {
            throw LabFault.conflict("[Cannot " + action + " VM. VM is not running.]");
        }
    }

    /** A status as the engine's messages name it: powering_down → Powering Down. */
    private static String label(String status) {
        StringBuilder b = new StringBuilder();
        for (String w : status.split("_")) {
            b.append(b.length() == 0 ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return b.toString();
    }

    private void evacuateNext(String hostId) {
        LabHost h = hosts.get(hostId);
        if (h == null || !"preparing_for_maintenance".equals(h.status())) {
            return;
        }
        List<LabVm> left = vms.values().stream()
                .filter(v -> hostId.equals(v.hostId()) && "up".equals(v.status())).toList();
        if (left.isEmpty()) {
            if (vms.values().stream().noneMatch(v -> hostId.equals(v.hostId()) && "migrating".equals(v.status()))) {
                hosts.put(hostId, h.withStatus("maintenance").withHostedEngine(0, h.heConfigured()));
                event(LabEvent.VDS_MAINTENANCE, "normal", "Host " + h.name() + " was switched to Maintenance Mode.",
                        h, null);
                changed();
            }
            return;
        }
        // The engine migrates every VM it can place; one without room does not hold back the others.
        for (LabVm next : left) {
            Optional<LabHost> target = Placement.target(next, hosts.values(), vms.values());
            if (target.isPresent()) {
                stalled.remove(hostId);
                startMigration(next, target.get(), () -> evacuateNext(hostId));
                return;
            }
        }
        // Like the engine: maintenance stalls in PreparingForMaintenance when no VM left has anywhere to go, and is
        // tried again when room appears (retryStalledMaintenance).
        if (stalled.add(hostId)) {
            event(LabEvent.USER_VDS_MAINTENANCE_MIGRATION_FAILED, "warning", "Host " + h.name() + " cannot change"
                    + " into maintenance mode - not all Vms have been migrated successfully. Consider manual"
                    + " intervention: stopping/migrating Vms: " + String.join(", ", left.stream().map(LabVm::name)
                    .toList()) + " (User: " + USER + ").", h, left.get(0), USER);
        }
    }

    private void startMigration(LabVm v, LabHost target, Runnable then) {
        vms.put(v.id(), v.migrating(target.id()));
        LabHost source = hosts.get(v.hostId());
        String sourceName = source == null ? "?" : source.name();
        event(then != null ? LabEvent.VM_MIGRATION_START_SYSTEM_INITIATED : LabEvent.VM_MIGRATION_START, "normal",
                then != null ? "Migration initiated by system (VM: " + v.name() + ", Source: " + sourceName
                        + ", Destination: " + target.name() + ", Reason: Host preparing for maintenance)."
                        : "Migration started (VM: " + v.name() + ", Source: " + sourceName + ", Destination: "
                        + target.name() + ", User: " + USER + ").", source, v, then != null ? null : USER);
        changed();
        double seconds = MIGRATION_BASE_SECONDS + MIGRATION_SECONDS_PER_GIB * v.memoryMb() / 1024.0;
        after(seconds, () -> {
            LabVm now = vms.get(v.id());
            if (now != null && now.migratingTo() != null) {
                boolean arrived = hosts.containsKey(now.migratingTo());
                vms.put(v.id(), arrived ? now.arrived() : now.stayed());
                if (arrived) {
                    // in lab seconds, as long as the migration took on the lab's clock whatever its speed
                    long took = Math.max(1, Math.round(seconds));
                    event(LabEvent.VM_MIGRATION_DONE, "normal", "Migration completed (VM: " + v.name() + ", Source: "
                            + sourceName + ", Destination: " + target.name() + ", Duration: " + took + " second"
                            + (took == 1 ? "" : "s") + ", Total: " + took + " second" + (took == 1 ? "" : "s")
                            + ", Actual downtime: (N/A))", hosts.get(now.migratingTo()), v, then != null ? null : USER);
                }
                changed();
            }
            if (then != null) {
                then.run();
            }
            retryStalledMaintenance(); // the source has room now
        });
    }

    /** Hosts whose maintenance stalled for want of room, tried again when room may have appeared. */
    private void retryStalledMaintenance() {
        for (String id : List.copyOf(stalled)) {
            boolean moving = vms.values().stream().anyMatch(v -> id.equals(v.hostId()) && v.migratingTo() != null);
            if (!moving) {
                evacuateNext(id);
            }
        }
    }

    /**
     * Global maintenance, as `hosted-engine --set-maintenance --mode=global|none` or the engine VM's maintenance
     * action sets it: the HA agents keep watching but neither start nor stop the engine VM.
     */
    public synchronized void setGlobalMaintenance(boolean on) {
        globalMaintenance = on;
        changed();
    }

    /** Local maintenance of one hosted-engine host's HA agent (score 0), as `--mode=local|none` sets it. */
    public synchronized void setLocalMaintenance(String hostId, boolean on) {
        LabHost h = host(hostId);
        if (!h.heConfigured()) {
            throw LabFault.conflict("[Cannot set local maintenance. Host " + h.name() + " is not a hosted-engine"
                    + " host.]");
        }
        hosts.put(hostId, h.withHostedEngine(on ? 0 : ("up".equals(h.status()) ? 3400 : h.heScore()), on));
        changed();
    }

    /** Records in the engine's audit log; also what the lab's machines report (engine-backup). */
    synchronized LabEvent event(int code, String severity, String description, LabHost host, LabVm vm) {
        return event(code, severity, description, host, vm, null);
    }

    /** An entry of a user's command: {@code user} as the engine names the user (admin@internal-authz). */
    synchronized LabEvent event(int code, String severity, String description, LabHost host, LabVm vm, String user) {
        return events.add(code, severity, description, host, vm, user);
    }

    /** The audit log, newest first. */
    public List<LabEvent> events() {
        return events.newestFirst();
    }

    /**
     * Like the engine's AutoRecoveryManager: every five minutes, a host Non Operational for a missing network that
     * now has every network its cluster requires is activated again ("autorecovered").
     */
    private void scheduleAutoRecovery() {
        after(AUTORECOVERY_SECONDS, () -> {
            autoRecover();
            scheduleAutoRecovery();
        });
    }

    synchronized void autoRecover() {
        for (LabHost h : List.copyOf(hosts.values())) {
            String id = h.id();
            if (h.autoRecoverable() && site.missingNetworks(h.address()).isEmpty()) {
                hosts.put(id, h.withStatus("up").withHostedEngine(h.heConfigured() ? 3400 : 0, false));
                event(LabEvent.VDS_ACTIVATE_ASYNC, "normal", "Host " + h.name() + " was autorecovered.", h, null);
                changed();
                retryStalledMaintenance();
            }
        }
    }

    /** Like the engine's EngineBackupAwarenessManager: the first check a period after the engine starts, then each. */
    private void scheduleBackupCheck() {
        after(BACKUP_CHECK_SECONDS, () -> {
            checkBackups(java.time.Instant.now());
            scheduleBackupCheck();
        });
    }

    /**
     * The engine's backup check: an alert when there is no full backup (db and files), or when the older of the two
     * is more than BackupAlertPeriodInDays whole days old (so two days, as the engine counts). The lab's days are
     * lab time: wall time since the backup times the clock's speed.
     */
    synchronized void checkBackups(java.time.Instant now) {
        if (!site.engine().equals(LabSite.UP)) {
            return; // no engine, no check
        }
        Optional<java.time.Instant> db = events.lastBackup("db");
        Optional<java.time.Instant> files = events.lastBackup("files");
        if (db.isEmpty() || files.isEmpty()) {
            event(LabEvent.ENGINE_NO_FULL_BACKUP, "alert", "There is no full backup available, please run"
                    + " engine-backup to prevent data loss in case of corruption.", null, null);
            return;
        }
        java.time.Instant full = db.get().isBefore(files.get()) ? db.get() : files.get();
        double labSeconds = java.time.Duration.between(full, now).toMillis() / 1000.0 * speed;
        if ((long) (labSeconds / 86_400) > BACKUP_ALERT_DAYS) {
            event(LabEvent.ENGINE_NO_WARM_BACKUP, "alert", "Full backup was created on " + new java.util.Date(
                    full.toEpochMilli()) + " and it's too old. Please run engine-backup to prevent data loss in case"
                    + " of corruption.", null, null);
        }
    }

    /** When engine-backup last finished a backup of {@code scope} (files, db), as the API root reports it. */
    Optional<java.time.Instant> lastBackup(String scope) {
        return events.lastBackup(scope);
    }

    /** A lab stopped mid-migration: the migration is void, maintenance starts again where it stood. */
    private void resumeInterrupted() {
        vms.replaceAll((id, v) -> v.migratingTo() != null ? v.stayed() : v);
        // An activation under way finishes as it would have: Up, its HA agent scoring it.
        hosts.replaceAll((id, h) -> "unassigned".equals(h.status()) ? upOrNonOperational(h) : h);
        // a state file from before the reason was kept: a host Non Operational for a network it lacks has this one
        hosts.replaceAll((id, h) -> "non_operational".equals(h.status()) && h.nonOperationalReason() == null
                && !site.missingNetworks(h.address()).isEmpty() ? h.nonOperational(LabHost.NETWORK_UNREACHABLE) : h);
        // an installation the lab's stop interrupted goes on as installing, as host-deploy starts again
        hosts.values().stream().filter(h -> "installing".equals(h.status())).map(LabHost::id).toList()
                .forEach(id -> after(INSTALL_SECONDS, () -> finishInstall(id)));
        if (site.engine().equals(LabSite.BOOTSTRAP)) {
            site = site.withEngine(LabSite.GONE); // the deployment died with the lab; its bootstrap VM with it
        }
        for (LabHost h : List.copyOf(hosts.values())) {
            if ("preparing_for_maintenance".equals(h.status())) {
                evacuateNext(h.id());
            }
        }
    }

    private void after(double labSeconds, Runnable task) {
        long scheduledIn = epoch;
        clock.after(labSeconds, () -> {
            synchronized (this) {
                if (epoch == scheduledIn) {
                    task.run();
                }
            }
        });
    }

    private void changed() {
        persist.accept(snapshot());
    }

    @Override
    public void close() {
        clock.close();
    }
}
