package org.heshell.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A host's networks as the Manager has them: the logical networks of its cluster, the ones attached to its NICs
 * (its network attachments) and the names of its NICs.
 */
public record HostNetworks(List<String> cluster, List<String> attached, List<String> nics) {
    public HostNetworks {
        cluster = List.copyOf(cluster);
        attached = List.copyOf(attached);
        nics = List.copyOf(nics);
    }

    /** The cluster's networks, those the host lacks first (what `host attach-network` is for), each in its order. */
    public List<String> lackingFirst() {
        List<String> out = new ArrayList<>(cluster.stream().filter(n -> !attached.contains(n)).toList());
        cluster.stream().filter(attached::contains).forEach(out::add);
        return out;
    }
}
