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
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
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
            if (System.nanoTime() > deadline) {
                throw new EngineException(host.name() + " did not reach " + labels(wanted) + " within "
                        + timeout.toSeconds() + " s: it is " + where(env, host)
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

    private static String labels(Set<HostStatus> wanted) {
        return wanted.stream().map(HostStatus::label).sorted().collect(Collectors.joining(" or "));
    }
}
