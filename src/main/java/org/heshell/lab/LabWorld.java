package org.heshell.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    private final LabState settings;
    private final Map<String, LabHost> hosts = new LinkedHashMap<>();
    private final Map<String, LabVm> vms = new LinkedHashMap<>();
    private final Consumer<LabState> persist;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lab-clock");
        t.setDaemon(true);
        return t;
    });
    private double speed;
    private LabFaults faults;

    public LabWorld(LabState state, Consumer<LabState> persist) {
        this.settings = state;
        this.persist = persist;
        this.speed = state.speed();
        this.faults = state.faults();
        state.hosts().forEach(h -> hosts.put(h.id(), h));
        state.vms().forEach(v -> vms.put(v.id(), v));
        resumeInterrupted();
    }

    public synchronized LabState snapshot() {
        return settings.with(speed, new ArrayList<>(hosts.values()), new ArrayList<>(vms.values()), faults);
    }

    public synchronized double speed() {
        return speed;
    }

    public synchronized void setSpeed(double newSpeed) {
        if (!(newSpeed > 0 && newSpeed <= 10_000)) {
            throw new IllegalArgumentException("lab speed must be above 0 and at most 10000");
        }
        speed = newSpeed;
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
        hosts.put(hostId, h.withStatus("preparing_for_maintenance"));
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
        changed();
        after(ACTIVATION_SECONDS, () -> {
            LabHost now = hosts.get(hostId);
            if (now != null && "unassigned".equals(now.status())) {
                hosts.put(hostId, now.withStatus("up").withHostedEngine(now.heConfigured() ? 3400 : 0, false));
                changed();
            }
        });
    }

    /** Removal is refused while the host is operational, as RemoveVds validates. */
    public synchronized void remove(String hostId) {
        LabHost h = host(hostId);
        if (!List.of("maintenance", "down", "non_operational", "non_responsive", "install_failed",
                "pending_approval", "unassigned").contains(h.status())) {
            throw LabFault.conflict(
                    "[Cannot remove Host. Host is operational. Please switch Host to Maintenance mode first.]");
        }
        boolean busy = vms.values().stream().anyMatch(v -> hostId.equals(v.hostId()) && !"down".equals(v.status()));
        if (busy) {
            throw LabFault.conflict("[Cannot remove Host. Host has running VMs.]");
        }
        hosts.remove(hostId);
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
            throw LabFault.conflict("[Cannot migrate VM. The VM already runs on the destination host.]");
        }
        startMigration(v, target, null);
    }

    private void evacuateNext(String hostId) {
        LabHost h = hosts.get(hostId);
        if (h == null || !"preparing_for_maintenance".equals(h.status())) {
            return;
        }
        Optional<LabVm> next = vms.values().stream()
                .filter(v -> hostId.equals(v.hostId()) && "up".equals(v.status())).findFirst();
        if (next.isEmpty()) {
            if (vms.values().stream().noneMatch(v -> hostId.equals(v.hostId()) && "migrating".equals(v.status()))) {
                hosts.put(hostId, h.withStatus("maintenance").withHostedEngine(0, h.heConfigured()));
                changed();
            }
            return;
        }
        Optional<LabHost> target = Placement.target(next.get(), hosts.values(), vms.values());
        if (target.isEmpty()) {
            // Like the engine: maintenance stalls in PreparingForMaintenance when a VM has nowhere to go.
            return;
        }
        startMigration(next.get(), target.get(), () -> evacuateNext(hostId));
    }

    private void startMigration(LabVm v, LabHost target, Runnable then) {
        vms.put(v.id(), v.migrating(target.id()));
        changed();
        double seconds = MIGRATION_BASE_SECONDS + MIGRATION_SECONDS_PER_GIB * v.memoryMb() / 1024.0;
        after(seconds, () -> {
            LabVm now = vms.get(v.id());
            if (now != null && now.migratingTo() != null) {
                vms.put(v.id(), hosts.containsKey(now.migratingTo()) ? now.arrived() : now.stayed());
                changed();
            }
            if (then != null) {
                then.run();
            }
        });
    }

    /** A lab stopped mid-migration: the migration is void, maintenance starts again where it stood. */
    private void resumeInterrupted() {
        vms.replaceAll((id, v) -> v.migratingTo() != null ? v.stayed() : v);
        hosts.replaceAll((id, h) -> "unassigned".equals(h.status()) ? h.withStatus("up") : h);
        for (LabHost h : List.copyOf(hosts.values())) {
            if ("preparing_for_maintenance".equals(h.status())) {
                evacuateNext(h.id());
            }
        }
    }

    private void after(double labSeconds, Runnable task) {
        long millis = Math.max(1, Math.round(labSeconds * 1000 / speed));
        clock.schedule(() -> {
            synchronized (this) {
                task.run();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void changed() {
        persist.accept(snapshot());
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
