package org.heshell.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.HostStatus;
import org.heshell.model.Vm;
import org.heshell.model.VmStatus;

/**
 * Whether the VMs left on a host going into maintenance have somewhere to go, as the hosts' memory shows: another
 * Up host (a hosted-engine one for the engine VM) with at least the VM's memory free. The scheduler weighs more
 * than memory; this is what heshell can tell from the model, and it is what stalls a maintenance most often.
 */
public final class Room {
    private static final long MIB = 1024 * 1024;

    /** A VM that fits nowhere: how much it needs, and the most any candidate host has free (on which host). */
    public record NoRoom(String vm, long needsMib, long mostFreeMib, String mostFreeOn) {
        public String describe() {
            return mostFreeOn == null
                    ? "no other host is Up to take " + vm
                    : "no host has room for " + vm + ": it needs " + needsMib + " MiB, the most free is "
                            + mostFreeMib + " MiB (on " + mostFreeOn + ")";
        }
    }

    /** What the VMs still on {@code host} (not migrating) find: those that fit nowhere, and how many do fit. */
    public record Verdict(List<NoRoom> noRoom, int movable) {
        /** Nothing left on the host can move. */
        public boolean stuck() {
            return movable == 0 && !noRoom.isEmpty();
        }
    }

    private Room() {
    }

    public static Verdict of(Environment env, Host host) {
        List<NoRoom> none = new ArrayList<>();
        int movable = 0;
        for (Vm vm : env.vmsOn(host.id())) {
            if (vm.status() == VmStatus.MIGRATING || vm.status() == VmStatus.DOWN) {
                continue;
            }
            long needs = vm.memoryBytes();
            Optional<Host> best = env.hosts().stream()
                    .filter(h -> h.status() == HostStatus.UP && !h.id().equals(host.id()))
                    .filter(h -> !vm.engine() || h.hostedEngine().configured())
                    .max(java.util.Comparator.comparingLong(h -> free(env, h)));
            // a host whose memory the Manager does not report may well have room
            if (best.isPresent() && (best.get().memoryBytes() == 0 || free(env, best.get()) >= needs)) {
                movable++;
            } else {
                none.add(new NoRoom(vm.name(), needs / MIB, best.map(h -> Math.max(0, free(env, h)) / MIB).orElse(0L),
                        best.map(Host::name).orElse(null)));
            }
        }
        return new Verdict(none, movable);
    }

    /** A host's memory minus that of the VMs it runs. */
    static long free(Environment env, Host h) {
        return h.memoryBytes() - env.vmsOn(h.id()).stream().mapToLong(Vm::memoryBytes).sum();
    }
}
