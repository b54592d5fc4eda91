package org.heshell.engine;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.heshell.model.Environment;
import org.heshell.model.Vm;
import org.heshell.model.VmStatus;

/**
 * Polls the Manager until a VM reaches one of the wanted states (and, for a migration, has left the host it ran
 * on), showing where it stands meanwhile. Interrupting the thread (Ctrl-C) stops the wait, not the Manager's work.
 * Timeouts are on the environment's clock, as {@link HostWait}'s.
 */
public final class VmWait {
    private static final long FIRST_POLL_MS = 100;
    private static final long MAX_POLL_MS = 1000;
    private static final long MIN_REAL_TIMEOUT_MS = 5_000;

    /** How the wait ended: the environment last read, the VM in it, how long it took. */
    public record Outcome(Environment environment, Vm vm, Duration took) {
    }

    private VmWait() {
    }

    /**
     * Waits until {@code start} is in one of {@code wanted}, on a host other than {@code leaving} when that is not
     * null (a migration). A migration that ends with the VM back on {@code leaving} failed: that ends the wait.
     */
    public static Outcome until(EngineSession engine, Vm start, Set<VmStatus> wanted, String leaving,
                                Duration timeout, double clockSpeed, Progress progress) {
        long t0 = System.nanoTime();
        long realTimeout = Math.max(MIN_REAL_TIMEOUT_MS, Math.round(timeout.toMillis() / clockSpeed));
        long deadline = t0 + realTimeout * 1_000_000L;
        long poll = FIRST_POLL_MS;
        boolean sawMigrating = false;
        while (true) {
            Environment env = engine.read();
            Vm vm = env.vms().stream().filter(v -> v.id().equals(start.id())).findFirst().orElseThrow(() ->
                    new EngineException(start.name() + " is no longer known to the Manager; it was removed while we"
                            + " waited"));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            boolean left = leaving == null || vm.hostId() != null && !leaving.equals(vm.hostId());
            if (wanted.contains(vm.status()) && left) {
                return new Outcome(env, vm, took);
            }
            sawMigrating |= vm.status() == VmStatus.MIGRATING;
            if (leaving != null && sawMigrating && vm.status() != VmStatus.MIGRATING) {
                throw new EngineException("the migration of " + vm.name() + " failed: it is " + where(env, vm)
                        + "; `events --search type=65` may say why");
            }
            progress.status(String.format("%s: %s … %d s", vm.name(), where(env, vm), took.toSeconds()));
            if (System.nanoTime() > deadline) {
                throw new EngineException(vm.name() + " did not reach " + wanted.stream().map(VmStatus::label)
                        .sorted().collect(Collectors.joining(" or ")) + " within " + timeout.toSeconds() + " s"
                        + (clockSpeed == 1 ? "" : String.format(" of the lab's clock (%.1f s at speed %s)",
                        realTimeout / 1000.0, speed(clockSpeed))) + ": it is " + where(env, vm)
                        + "; look at its events (`events`), then wait again or fix the cause");
            }
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                throw new HostWait.Interrupted("stopped waiting: " + vm.name() + " is " + where(env, vm)
                        + "; the Manager goes on by itself, `vms " + vm.name() + "` shows where it stands");
            }
            poll = Math.min(MAX_POLL_MS, poll * 3 / 2);
        }
    }

    /** A VM's status and host, as a person would say it: "Migrating on Host 1", "Down". */
    public static String where(Environment env, Vm vm) {
        String host = vm.hostId() == null ? null : env.host(vm.hostId()).map(h -> h.name()).orElse(vm.hostId());
        return vm.status().label() + (host == null ? "" : " on " + host);
    }

    private static String speed(double clockSpeed) {
        return clockSpeed == Math.rint(clockSpeed) ? Long.toString((long) clockSpeed) : Double.toString(clockSpeed);
    }
}
