package org.heshell.lab;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Chooses where a VM goes when its host is evacuated: the Up host with the most free memory that can hold it,
 * as the engine's memory filter and weighting would. The engine VM only goes to hosted-engine hosts.
 */
final class Placement {
    private Placement() {
    }

    static Optional<LabHost> target(LabVm vm, Collection<LabHost> hosts, Collection<LabVm> vms) {
        return hosts.stream()
                .filter(LabHost::up)
                .filter(h -> !h.id().equals(vm.hostId()))
                .filter(h -> !vm.engine() || h.heConfigured())
                .filter(h -> free(h, vms) >= vm.memoryMb())
                .max(Comparator.comparingLong((LabHost h) -> free(h, vms)).thenComparing(LabHost::name,
                        Comparator.reverseOrder()));
    }

    /** Host memory minus what runs there and what is on its way there. */
    static long free(LabHost host, Collection<LabVm> vms) {
        long used = 0;
        for (LabVm v : vms) {
            if (host.id().equals(v.hostId()) || host.id().equals(v.migratingTo())) {
                used += v.memoryMb();
            }
        }
        return host.memoryMb() - used;
    }
}
