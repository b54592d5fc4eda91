package org.heshell.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.HostStatus;
import org.heshell.model.Vm;
import org.heshell.model.VmStatus;

/**
 * Polls the Manager until a host reaches one of the wanted states, reporting each VM that migrates off it and
 * where it lands. Interrupting the thread (Ctrl-C) stops the wait, not the Manager's work.
 */
public final class HostWait {
    private static final long FIRST_POLL_MS = 150;
    private static final long MAX_POLL_MS = 1000;
    /** However fast the lab's clock, a wait lasts at least this long in real time (the API has its own pace). */
    private static final long MIN_REAL_TIMEOUT_MS = 5_000;
    private static final long STUCK_GRACE_MS = 10_000;

    /** How the wait ended. */
    public record Outcome(Environment environment, Host host, List<Migration> migrations, Duration took) {
    }

    /** Thrown when the user stops a wait; the message says where things stand. */
    public static final class Interrupted extends EngineException {
        public Interrupted(String message) {
            super(message);
        }
    }

    private HostWait() {
    }

    /**
     * Waits until {@code start} reaches one of {@code wanted}. {@code before} is the environment read before the
     * request, so that VMs which moved before the first poll are still reported.
     */
    public static Outcome until(EngineSession engine, Environment before, Host start, Set<HostStatus> wanted,
                                Duration timeout, Progress progress) {
        return until(engine, before, start, wanted, timeout, 1, progress);
    }

    /**
     * As {@link #until(EngineSession, Environment, Host, Set, Duration, Progress)}, with {@code timeout} on the
     * environment's clock, which runs {@code clockSpeed} times faster than real time (the lab's speed). A
     * maintenance that nothing can advance (every VM left has no host with room, none migrating) ends early, saying
     * so; a VM without room is named as soon as it is seen.
     */
    public static Outcome until(EngineSession engine, Environment before, Host start, Set<HostStatus> wanted,
                                Duration timeout, double clockSpeed, Progress progress) {
        long t0 = System.nanoTime();
        long realTimeout = Math.max(MIN_REAL_TIMEOUT_MS, Math.round(timeout.toMillis() / clockSpeed));
        long deadline = t0 + realTimeout * 1_000_000L;
        // Stuck must hold a while (at least a few polls) before heshell gives up on the Manager's scheduling.
        long stuckGrace = Math.min(STUCK_GRACE_MS, realTimeout / 4) * 1_000_000L;
        long stuckSince = -1;
        int stuckPolls = 0;
        Set<String> named = new java.util.HashSet<>();
        Map<String, String> hostNames = new HashMap<>();
        Map<String, String> lastHost = new LinkedHashMap<>();
        Map<String, Long> firstSeenMigrating = new HashMap<>();
        List<Migration> migrations = new ArrayList<>();
        long poll = FIRST_POLL_MS;
        before.hosts().forEach(h -> hostNames.put(h.id(), h.name()));
        before.vmsOn(start.id()).forEach(vm -> lastHost.put(vm.id(), vm.hostId()));
        while (true) {
            Environment env = engine.read();
            env.hosts().forEach(h -> hostNames.put(h.id(), h.name()));
            Host host = env.host(start.id()).orElseThrow(() -> new EngineException(
                    start.name() + " is no longer known to the Manager; it was removed while we waited"));
            for (Vm vm : env.vms()) {
                String previous = lastHost.get(vm.id());
                if (previous != null && vm.hostId() != null && !previous.equals(vm.hostId())) {
                    long since = firstSeenMigrating.getOrDefault(vm.id(), t0);
                    Migration m = new Migration(vm.name(), hostNames.getOrDefault(previous, previous),
                            hostNames.getOrDefault(vm.hostId(), vm.hostId()),
                            Duration.ofNanos(System.nanoTime() - since));
                    migrations.add(m);
                    progress.step(String.format("%s: %s → %s (%.1f s)", m.vm(), m.from(), m.to(),
                            m.took().toMillis() / 1000.0));
                    lastHost.put(vm.id(), vm.hostId());
                }
                if (vm.status() == VmStatus.MIGRATING && lastHost.containsKey(vm.id())) {
                    firstSeenMigrating.putIfAbsent(vm.id(), System.nanoTime());
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            if (wanted.contains(host.status())) {
                return new Outcome(env, host, migrations, took);
            }
            progress.status(describe(env, host, took));
            Room.Verdict room = wanted.contains(HostStatus.MAINTENANCE)
                    && host.status() == HostStatus.PREPARING_FOR_MAINTENANCE ? Room.of(env, host) : null;
            if (room != null) {
                for (Room.NoRoom n : room.noRoom()) {
                    if (named.add(n.vm())) {
                        progress.step(host.name() + ": " + n.describe());
                    }
                }
            }
            boolean migrating = env.vms().stream().anyMatch(v -> v.status() == VmStatus.MIGRATING);
            if (room != null && room.stuck() && !migrating) {
                stuckSince = stuckSince < 0 ? System.nanoTime() : stuckSince;
                stuckPolls++;
                if (stuckPolls >= 3 && System.nanoTime() - stuckSince >= stuckGrace) {
                    throw new EngineException(host.name() + " cannot reach Maintenance: " + room.noRoom().stream()
                            .map(Room.NoRoom::describe).collect(Collectors.joining("; ")) + ". It stays "
                            + host.status().label() + " with " + room.noRoom().stream().map(Room.NoRoom::vm)
                            .collect(Collectors.joining(", ")) + " on it: free memory on another host (stop or"
                            + " migrate a VM there) and it goes on, or `host activate " + quote(host.name())
                            + "` cancels the maintenance");
                }
            } else {
                stuckSince = -1;
                stuckPolls = 0;
            }
            if (System.nanoTime() > deadline) {
                throw new EngineException(host.name() + " did not reach " + labels(wanted) + " within "
                        + timeout.toSeconds() + " s" + (clockSpeed == 1 ? "" : String.format(
                        " of the lab's clock (%.1f s at speed %s)", realTimeout / 1000.0, speed(clockSpeed)))
                        + ": it is " + where(env, host)
                        + "; look at its events in the Administration Portal, then wait again or fix the cause");
            }
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                throw new Interrupted("stopped waiting: " + host.name() + " is " + where(env, host)
                        + "; the Manager goes on by itself, `hosts` shows where it stands");
            }
            poll = Math.min(MAX_POLL_MS, poll * 3 / 2);
        }
    }

    private static String describe(Environment env, Host host, Duration took) {
        String migrating = env.vmsOn(host.id()).stream().filter(v -> v.status() == VmStatus.MIGRATING)
                .map(Vm::name).collect(Collectors.joining(", "));
        return String.format("%s: %s%s … %d s", host.name(), host.status().label(),
                migrating.isEmpty() ? "" : ", migrating " + migrating, took.toSeconds());
    }

    private static String where(Environment env, Host host) {
        List<Vm> left = env.vmsOn(host.id());
        return host.status().label() + (left.isEmpty() ? " with no VM" : " with "
                + left.stream().map(Vm::name).collect(Collectors.joining(", ")) + " still on it");
    }

    /** A host name as the shell reads it back: quoted when it holds anything but letters, digits, . and -. */
    private static String quote(String name) {
        return name.matches("[A-Za-z0-9._-]+") ? name : "'" + name.replace("'", "'\\''") + "'";
    }

    private static String speed(double clockSpeed) {
        return clockSpeed == Math.rint(clockSpeed) ? Long.toString((long) clockSpeed) : Double.toString(clockSpeed);
    }

    private static String labels(Set<HostStatus> wanted) {
        return wanted.stream().map(HostStatus::label).sorted().collect(Collectors.joining(" or "));
    }
}
